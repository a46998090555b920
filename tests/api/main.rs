//! Integration tests: the real router over a real PostgreSQL, one database per test.

mod asking;
mod bad_input;
mod browser;
mod bulk;
mod cli;
mod extraction;
mod fetching;
mod hardening;
mod helpers;
mod ingest;
mod ingest_cli;
mod keys;
mod local_server;
mod page_scores;
mod pages;
mod pagination;
mod queries;
mod seed;
mod startup;
mod walkthrough;
mod web;
mod website;
