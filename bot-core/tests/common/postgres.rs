//! A throwaway PostgreSQL database per test, shared by the engine's integration tests and (by
//! path) the binary's tests in `tests/support`.

/// A throwaway PostgreSQL database for one test, dropped at the end. The server comes from
/// `SHARECIRCLE_TEST_POSTGRES` (default: the local one on 127.0.0.1:5432 as `postgres`);
/// `scripts/test` makes sure one is running.
pub struct ThrowawayPostgres {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl ThrowawayPostgres {
    pub async fn create() -> ThrowawayPostgres {
        use sqlx::Connection;
        let admin_url = std::env::var("SHARECIRCLE_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        // Unique even for tests of one process created in the same instant (the conformance
        // suite opens one per check, in parallel).
        static CREATED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let name = format!(
            "sc_test_{}_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos(),
            CREATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL is needed for this test (run scripts/test, or set SHARECIRCLE_TEST_POSTGRES): {e}"));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap();
        ThrowawayPostgres {
            url: format!("{base}/{name}"),
            admin_url,
            name,
        }
    }

    pub async fn drop_database(self) {
        use sqlx::Connection;
        let mut admin = sqlx::PgConnection::connect(&self.admin_url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut admin)
        .await
        .unwrap();
    }
}
