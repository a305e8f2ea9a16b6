//! Yearly figures of companies.
