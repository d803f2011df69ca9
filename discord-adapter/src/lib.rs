//! Discord adapter: translates Discord interactions to core commands and core effects to Discord messages (filled by its own issue).
