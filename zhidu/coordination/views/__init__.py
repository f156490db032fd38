"""The R14 pages: thin views over zhidu.coordination.services (leave, briefing, matter reports)."""
