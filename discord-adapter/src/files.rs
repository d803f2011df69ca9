//! Documents as files, Discord's convention for many lines: a slash command's attached file
//! fetched from its URL (never more than the argument takes), and a reply's document sent as a
//! file attachment.

use std::time::Duration;

use serenity::all::CreateAttachment;

/// The name of the file a reply's document (a format as TOML) is sent as.
pub const DOCUMENT_FILENAME: &str = "format.toml";

/// How long fetching an attached file may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// A reply's document as a file attachment.
pub fn document_file(text: &str) -> CreateAttachment {
    CreateAttachment::bytes(text.as_bytes().to_vec(), DOCUMENT_FILENAME)
}

/// Fetches an attached file: at most `max + 1` bytes are read (a file that grew past its stated
/// size is then refused by the core as too long, without reading the rest).
pub async fn fetch(url: &str, max: usize) -> Result<Vec<u8>, String> {
    let client = reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .build()
        .map_err(|e| e.to_string())?;
    let mut response = client
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
        let room = (max + 1).saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if bytes.len() > max {
            break;
        }
    }
    Ok(bytes)
}
