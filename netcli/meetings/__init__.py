"""Meetings (เวที/ประชุม/อบรม): records, attendance, follow-up actions, and the network calendar."""
