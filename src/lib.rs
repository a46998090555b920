//! whosaid: turns news articles into a searchable record of who said what, on which date.
//!
//! Data flows one way: `http` (or `cli`) takes an article, `ingest` runs the pure
//! `extract` module over it and hands the result to `db`, which stores it in
//! PostgreSQL; the query routes read it back through `db`. `startup` wires the server,
//! `local_pg` runs a private PostgreSQL when no `DATABASE_URL` is given.

pub mod ask;
pub mod cli;
pub mod config;
pub mod db;
pub mod echo;
pub mod extract;
pub mod fetch;
pub mod highlight;
pub mod http;
pub mod ingest;
pub mod keys;
pub mod local_pg;
pub mod page;
pub mod same_quote;
pub mod search;
pub mod startup;
pub mod telemetry;
