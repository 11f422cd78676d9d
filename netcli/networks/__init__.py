"""Networks (เครือข่าย), their memberships, and the regions and groups of provinces."""
