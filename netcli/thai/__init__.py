"""Thai knowledge: digits, text clean-up, names, places, phones, national IDs, money, order."""
