"""Small pieces every package of this repository shares (errors with codes, durable writes,
base64url). Imports nothing of ours, so any package may import it (import-linter pins this)."""
