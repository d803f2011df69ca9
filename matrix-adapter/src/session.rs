//! Logging in once and keeping the device: the client with its SQLite state and crypto store in
//! the data directory, the store passphrase (generated once, kept next to the store), and the
//! session (user id, device id, access token) persisted after the first login and restored on
//! every later start. A rejected token with password auth logs in again *on the same device*.
//!
//! Files in `data_dir`: `session.json` (0600), `store-passphrase` (0600), `store/` (matrix-sdk's
//! SQLite stores), `adapter-state.json` (see `state`).

use std::path::{Path, PathBuf};

use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::encryption::EncryptionSettings;
use matrix_sdk::ruma::api::error::ErrorKind;
use matrix_sdk::{Client, SessionMeta, SessionTokens};
use sharecircle_config::{MatrixAuth, MatrixConfig};

use crate::state::write_atomically;
use crate::MatrixError;

const SESSION_FILE: &str = "session.json";
const PASSPHRASE_FILE: &str = "store-passphrase";
const STORE_DIR: &str = "store";
const DEVICE_NAME: &str = "sharecircle";

/// A logged-in client.
pub struct LoggedIn {
    pub client: Client,
    /// Whether no session was stored yet (first start with this data directory).
    pub first_start: bool,
}

/// Builds the client and logs in or restores the stored session.
pub async fn login(config: &MatrixConfig) -> Result<LoggedIn, MatrixError> {
    let dir = &config.data_dir;
    create_private_dir(dir)?;
    let stored = read_session(dir)?;
    let stored = match stored {
        Some(s) if s.meta.user_id.as_str() == config.user => Some(s),
        Some(s) => {
            return Err(MatrixError::Config(format!(
                "{} holds a session of {}, not of the configured user {}; use another data_dir",
                dir.join(SESSION_FILE).display(),
                s.meta.user_id,
                config.user
            )))
        }
        None => None,
    };
    if stored.is_none() && dir.join(STORE_DIR).exists() {
        // A crypto store belongs to one device; without its session it can never be used again.
        tracing::warn!("found a Matrix store without a session; starting a fresh one");
        std::fs::remove_dir_all(dir.join(STORE_DIR))
            .map_err(|e| MatrixError::Io(format!("removing the old store: {e}")))?;
    }
    let client = build_client(config).await?;

    match (stored, &config.auth) {
        (Some(session), auth) => {
            let device = session.meta.device_id.clone();
            let session = match auth {
                // A token from the environment wins over the stored one (it may have been rotated),
                // but must belong to the stored device.
                MatrixAuth::AccessToken(token) if token.expose() != session.tokens.access_token => {
                    let (user, token_device) = whoami(&config.homeserver, token.expose()).await?;
                    if user != config.user || token_device != device.as_str() {
                        return Err(MatrixError::Config(format!(
                            "the access token belongs to device {token_device} of {user}, but the \
                             store in {} holds device {device}; use a token of that device or \
                             another data_dir",
                            dir.display()
                        )));
                    }
                    MatrixSession {
                        meta: session.meta,
                        tokens: SessionTokens {
                            access_token: token.expose().to_string(),
                            refresh_token: None,
                        },
                    }
                }
                _ => session,
            };
            client.restore_session(session.clone()).await?;
            match client.whoami().await {
                Err(e)
                    if matches!(
                        e.client_api_error_kind(),
                        Some(ErrorKind::UnknownToken { .. })
                    ) =>
                {
                    let MatrixAuth::Password(password) = &config.auth else {
                        return Err(MatrixError::Login(
                            "the access token was rejected by the homeserver".into(),
                        ));
                    };
                    tracing::warn!(
                        "the stored access token was rejected; logging in again on the same device"
                    );
                    // The old client holds the session; a fresh one logs in with the device id.
                    drop(client);
                    let client = build_client(config).await?;
                    client
                        .matrix_auth()
                        .login_username(&config.user, password.expose())
                        .device_id(device.as_str())
                        .initial_device_display_name(DEVICE_NAME)
                        .await
                        .map_err(|e| MatrixError::Login(e.to_string()))?;
                    save_session(dir, &client)?;
                    Ok(LoggedIn {
                        client,
                        first_start: false,
                    })
                }
                // Unreachable homeserver and the like: the sync loop will keep trying.
                _ => {
                    save_session(dir, &client)?;
                    Ok(LoggedIn {
                        client,
                        first_start: false,
                    })
                }
            }
        }
        (None, MatrixAuth::Password(password)) => {
            client
                .matrix_auth()
                .login_username(&config.user, password.expose())
                .initial_device_display_name(DEVICE_NAME)
                .await
                .map_err(|e| MatrixError::Login(e.to_string()))?;
            save_session(dir, &client)?;
            tracing::info!("logged in to Matrix on a new device");
            Ok(LoggedIn {
                client,
                first_start: true,
            })
        }
        (None, MatrixAuth::AccessToken(token)) => {
            let (user, device) = whoami(&config.homeserver, token.expose()).await?;
            if user != config.user {
                return Err(MatrixError::Config(format!(
                    "the access token belongs to {user}, not to the configured user {}",
                    config.user
                )));
            }
            let session = MatrixSession {
                meta: SessionMeta {
                    user_id: user
                        .as_str()
                        .try_into()
                        .map_err(|e| MatrixError::Login(format!("bad user id {user}: {e}")))?,
                    device_id: device.as_str().into(),
                },
                tokens: SessionTokens {
                    access_token: token.expose().to_string(),
                    refresh_token: None,
                },
            };
            client.restore_session(session).await?;
            save_session(dir, &client)?;
            Ok(LoggedIn {
                client,
                first_start: true,
            })
        }
    }
}

async fn build_client(config: &MatrixConfig) -> Result<Client, MatrixError> {
    let passphrase = passphrase(&config.data_dir)?;
    // Cross-sign the bot's own device so clients that share keys only with cross-signed devices
    // include it. Synapse allows the first upload of cross-signing keys without a password prompt.
    let encryption = EncryptionSettings {
        auto_enable_cross_signing: matches!(config.auth, MatrixAuth::Password(_)),
        ..EncryptionSettings::default()
    };
    crate::store_commits::relax_store_commits();
    Client::builder()
        .homeserver_url(&config.homeserver)
        .sqlite_store(config.data_dir.join(STORE_DIR), Some(&passphrase))
        .with_encryption_settings(encryption)
        .build()
        .await
        .map_err(|e| MatrixError::Login(format!("building the Matrix client: {e}")))
}

/// `(user_id, device_id)` of an access token, asked of the homeserver.
async fn whoami(homeserver: &str, token: &str) -> Result<(String, String), MatrixError> {
    let url = format!(
        "{}/_matrix/client/v3/account/whoami",
        homeserver.trim_end_matches('/')
    );
    let text = matrix_sdk::reqwest::Client::new()
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| MatrixError::Login(format!("checking the access token: {e}")))?
        .text()
        .await
        .map_err(|e| MatrixError::Login(format!("checking the access token: {e}")))?;
    let answer: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| MatrixError::Login(format!("checking the access token: {e}")))?;
    match (answer["user_id"].as_str(), answer["device_id"].as_str()) {
        (Some(u), Some(d)) => Ok((u.to_string(), d.to_string())),
        _ => Err(MatrixError::Login(
            "the homeserver did not say which user and device the access token belongs to".into(),
        )),
    }
}

fn read_session(dir: &Path) -> Result<Option<MatrixSession>, MatrixError> {
    let path = dir.join(SESSION_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| MatrixError::Io(format!("{} is unreadable: {e}", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(MatrixError::Io(format!("reading {}: {e}", path.display()))),
    }
}

fn save_session(dir: &Path, client: &Client) -> Result<(), MatrixError> {
    let session = client
        .matrix_auth()
        .session()
        .ok_or_else(|| MatrixError::Login("no session after login".into()))?;
    let bytes = serde_json::to_vec_pretty(&session)
        .map_err(|e| MatrixError::Io(format!("encoding the session: {e}")))?;
    write_atomically(&dir.join(SESSION_FILE), &bytes)
        .map_err(|e| MatrixError::Io(format!("saving the session: {e}")))
}

/// The store passphrase: 64 random hex digits, made on first use and kept (0600).
fn passphrase(dir: &Path) -> Result<String, MatrixError> {
    let path = dir.join(PASSPHRASE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(s) if !s.trim().is_empty() => return Ok(s.trim().to_string()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(MatrixError::Io(format!("reading {}: {e}", path.display()))),
    }
    let mut bytes = [0u8; 32];
    getrandom(&mut bytes)?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_atomically(&path, hex.as_bytes())
        .map_err(|e| MatrixError::Io(format!("saving the store passphrase: {e}")))?;
    Ok(hex)
}

fn getrandom(buf: &mut [u8]) -> Result<(), MatrixError> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .map_err(|e| MatrixError::Io(format!("reading /dev/urandom: {e}")))
}

fn create_private_dir(dir: &PathBuf) -> Result<(), MatrixError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| MatrixError::Io(format!("creating {}: {e}", dir.display())))
}

/// The device id stored in `data_dir`, if any (for diagnostics and tests).
pub fn stored_device_id(dir: &Path) -> Option<String> {
    read_session(dir)
        .ok()
        .flatten()
        .map(|s| s.meta.device_id.to_string())
}
