"""Writing what leaves the app: email drafts (.eml), calendar reminders (.ics), response packs."""
