//! The PostgreSQL store, for when one machine is not enough: the same contract as SQLite, with
//! migrations of its own applied at open.

use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

use super::batch::PgWriter;
use super::StoreError;

pub struct PostgresStore {
    pool: PgPool,
    /// Commits and acknowledgements go through one writer that batches them.
    writer: PgWriter,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and applies migrations.
    pub async fn open(url: &str, max_connections: u32) -> Result<PostgresStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PostgresStore {
            writer: PgWriter::postgres(pool.clone()),
            pool,
        })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

super::sql::sql_store!(PostgresStore, shared = true);
