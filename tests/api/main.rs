//! Integration tests: the real router over a real PostgreSQL, one database per test.

mod bad_input;
mod cli;
mod extraction;
mod helpers;
mod ingest;
mod local_server;
mod page_scores;
mod pages;
mod pagination;
mod queries;
mod seed;
