//! Monthly statements: drafts, issued lines, payments.
