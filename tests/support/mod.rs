//! Helpers the tests of the `sharecircle` binary share: free loopback ports, plain HTTP GETs of
//! the ops endpoints, a clean SIGTERM stop, and scratch PostgreSQL databases.

#![allow(dead_code)] // each test file uses some of these

use std::time::Duration;

use sqlx::Connection;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A loopback address with a port nobody listens on, `127.0.0.1:PORT`.
pub fn free_port() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}")
}

/// `GET path` on `addr` (HTTP/1.1, one request per connection): the status and the body, or
/// `None` while nothing answers there.
pub async fn get(addr: &str, path: &str) -> Option<(u16, String)> {
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).await.ok()?;
    let status = buf.split(' ').nth(1)?.parse().ok()?;
    Some((
        status,
        buf.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default(),
    ))
}

/// SIGTERM, and a clean exit within `within`.
pub async fn stop(mut child: tokio::process::Child, within: Duration) {
    let pid = child.id().expect("running");
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    let status = tokio::time::timeout(within, child.wait())
        .await
        .expect("stops after SIGTERM")
        .unwrap();
    assert!(status.success(), "exit: {status:?}");
}

/// Scratch databases on the PostgreSQL server of `SHARECIRCLE_TEST_POSTGRES` (default the local
/// one `scripts/test` starts), dropped by [`Postgres::drop_all`].
pub struct Postgres {
    conn: sqlx::PgConnection,
    base: String,
    made: Vec<String>,
}

impl Postgres {
    pub async fn connect() -> Postgres {
        let admin = std::env::var("SHARECIRCLE_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let base = admin.rsplit_once('/').unwrap().0.to_string();
        let conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL is needed (run scripts/test, or set SHARECIRCLE_TEST_POSTGRES): {e}"
                )
            });
        Postgres {
            conn,
            base,
            made: Vec::new(),
        }
    }

    /// A new empty database whose name starts with `prefix`; its URL.
    pub async fn fresh(&mut self, prefix: &str) -> String {
        let name = format!("{prefix}_{}_{}", std::process::id(), self.made.len());
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut self.conn)
                .await
                .unwrap();
        }
        self.made.push(name.clone());
        format!("{}/{name}", self.base)
    }

    /// Drops every database [`Postgres::fresh`] made (connections to them are closed).
    pub async fn drop_all(mut self) {
        for name in std::mem::take(&mut self.made) {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut self.conn)
            .await
            .unwrap();
        }
    }
}
