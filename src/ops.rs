//! The operator's HTTP endpoints: `/metrics` (Prometheus text format) and `/healthz` (ready when
//! the database answers and every configured platform is connected). No member names, ids or
//! text ever appear in either.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use bot_core::engine::Engine;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// A named readiness check for a platform connection.
pub type Check = (String, Arc<dyn Fn() -> bool + Send + Sync>);

#[derive(Clone)]
struct Ops {
    prometheus: PrometheusHandle,
    engine: Engine,
    checks: Arc<Vec<Check>>,
}

/// Installs the process-wide metrics recorder (once) and returns its handle. Timer lateness is a
/// histogram with buckets from 1 ms to 5 s.
pub fn recorder() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("sharecircle_timer_lateness_seconds".into()),
                    &[
                        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    ],
                )
                .expect("valid buckets")
                .install_recorder()
                .expect("one metrics recorder per process")
        })
        .clone()
}

/// Serves the endpoints on `addr`; returns the bound address (for port 0) and the server task.
pub async fn serve(
    addr: SocketAddr,
    engine: Engine,
    checks: Vec<Check>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let ops = Ops {
        prometheus: recorder(),
        engine,
        checks: Arc::new(checks),
    };
    let app = Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(healthz))
        .with_state(ops);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the metrics server stopped");
        }
    });
    tracing::info!(%bound, "serving /metrics and /healthz");
    Ok((bound, task))
}

async fn metrics(State(ops): State<Ops>) -> impl IntoResponse {
    if let Err(e) = ops.engine.refresh_gauges().await {
        tracing::warn!(error = %e, "could not read the session gauges");
    }
    (
        [("content-type", "text/plain; version=0.0.4")],
        ops.prometheus.render(),
    )
}

async fn healthz(State(ops): State<Ops>) -> impl IntoResponse {
    let database = ops.engine.database_ok().await;
    let mut body = serde_json::Map::new();
    body.insert(
        "database".into(),
        if database { "ok" } else { "unreachable" }.into(),
    );
    let mut ready = database;
    for (name, check) in ops.checks.iter() {
        let ok = check();
        ready &= ok;
        body.insert(
            name.clone(),
            if ok { "connected" } else { "disconnected" }.into(),
        );
    }
    body.insert(
        "status".into(),
        if ready { "ok" } else { "unavailable" }.into(),
    );
    let code = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        [("content-type", "application/json")],
        serde_json::Value::Object(body).to_string(),
    )
}
