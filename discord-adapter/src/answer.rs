//! Answering an interaction (a slash command, a button, a submitted modal; or a slash command
//! with a modal) inside Discord's 3-second window with the posts of a core command: the first
//! piece is the interaction response; posts for the meeting are public, replies and
//! anything personal or refused are ephemeral. When the work is slow the interaction is deferred
//! first and answered by editing the deferred response. A post's document (a format as TOML)
//! goes with its last piece as a file attachment, not as fenced text.
//!
//! Nothing is shown twice when Discord acts but loses its answer (a 5xx): a callback repeated
//! after that is refused as already acknowledged, which means the first landed; the public
//! pieces after the response go to the channel as messages with the outbox key as nonce (the
//! one the sink uses, so a redelivery is dropped by Discord too); ephemeral pieces after the
//! response are follow-ups, which take no nonce and so are not repeated after a 5xx.
//! Deliveries that reached Discord are acknowledged to the engine; the rest stay in its outbox.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bot_core::domain::{Audience, MemberId};
use bot_core::engine::{Delivery, Engine, LiveStatus};
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{
    ChannelId, CommandInteraction, ComponentInteraction, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateModal,
    EditInteractionResponse, Http, InteractionResponseFlags, MessageFlags, ModalInteraction,
};

use crate::files::document_file;
use crate::render::{render, split_document, Piece};
use crate::retry::{code_of, with_backoff, Backoff, ALREADY_ACKNOWLEDGED};
use crate::sink::post_to_channel;

/// When the answer is not ready after this long, the interaction is deferred (Discord allows 3 s).
pub const DEFER_AFTER: Duration = Duration::from_millis(1500);

/// The defer threshold in force (milliseconds), adjustable at run time.
pub struct DeferAfter(AtomicU64);

impl Default for DeferAfter {
    fn default() -> Self {
        DeferAfter(AtomicU64::new(DEFER_AFTER.as_millis() as u64))
    }
}

impl DeferAfter {
    pub fn get(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::Relaxed))
    }
    pub fn set(&self, d: Duration) {
        self.0
            .store(d.as_millis().min(2500) as u64, Ordering::Relaxed);
    }
}

/// What answers an interaction: the deliveries of a command (in order), and the live status
/// when the command changed it.
#[derive(Default)]
pub struct Answer {
    pub deliveries: Vec<Delivery>,
    pub status: Option<LiveStatus>,
}

/// The interaction being answered.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Command(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
    /// A submitted modal (answered like a slash command).
    Modal(&'a ModalInteraction),
}

impl Target<'_> {
    async fn respond(&self, http: &Http, r: CreateInteractionResponse) -> serenity::Result<()> {
        let message = matches!(r, CreateInteractionResponse::Message(_));
        let mut attempts = 0;
        let result = with_backoff("interaction response", Backoff::CALLBACK, || {
            attempts += 1;
            let retry = attempts > 1;
            let r = r.clone();
            async move {
                let sent = match self {
                    Target::Command(i) => i.create_response(http, r).await,
                    Target::Component(i) => i.create_response(http, r).await,
                    Target::Modal(i) => i.create_response(http, r).await,
                };
                match sent {
                    // Only this callback answers the interaction: refused as already
                    // acknowledged on a retry, the first attempt landed and lost its answer.
                    Err(e) if retry && code_of(&e) == Some(ALREADY_ACKNOWLEDGED) => Ok(()),
                    other => other,
                }
            }
        })
        .await;
        if message {
            telemetry::delivery("discord", DeliveryKind::Answer, result.is_ok());
        }
        result
    }

    fn channel(&self) -> ChannelId {
        match self {
            Target::Command(i) => i.channel_id,
            Target::Component(i) => i.channel_id,
            Target::Modal(i) => i.channel_id,
        }
    }

    /// A follow-up: Discord's `execute_webhook` takes no nonce, so after a 5xx (which may have
    /// posted it) it is not sent again.
    async fn follow_up(
        &self,
        http: &Http,
        f: CreateInteractionResponseFollowup,
    ) -> serenity::Result<()> {
        let result = with_backoff("interaction follow-up", Backoff::ONCE, || async {
            match self {
                Target::Command(i) => i.create_followup(http, f.clone()).await.map(|_| ()),
                Target::Component(i) => i.create_followup(http, f.clone()).await.map(|_| ()),
                Target::Modal(i) => i.create_followup(http, f.clone()).await.map(|_| ()),
            }
        })
        .await;
        telemetry::count_delivery("discord", DeliveryKind::Answer, result)
    }

    async fn edit_original(&self, http: &Http, e: EditInteractionResponse) -> serenity::Result<()> {
        let result = with_backoff("edit interaction response", Backoff::MESSAGES, || async {
            match self {
                Target::Command(i) => i.edit_response(http, e.clone()).await.map(|_| ()),
                Target::Component(i) => i.edit_response(http, e.clone()).await.map(|_| ()),
                Target::Modal(i) => i.edit_response(http, e.clone()).await.map(|_| ()),
            }
        })
        .await;
        telemetry::count_delivery("discord", DeliveryKind::Answer, result)
    }

    /// Slash commands and modals defer with an ephemeral "thinking…"; buttons acknowledge
    /// without a message.
    async fn defer(&self, http: &Http) -> serenity::Result<()> {
        let r = match self {
            Target::Command(_) | Target::Modal(_) => CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new().ephemeral(true),
            ),
            Target::Component(_) => CreateInteractionResponse::Acknowledge,
        };
        self.respond(http, r).await
    }
}

/// Answers a slash command with a modal (it cannot be deferred: a modal is the first response).
pub async fn show_modal(
    http: &Http,
    i: &CommandInteraction,
    modal: CreateModal,
) -> serenity::Result<()> {
    let result = Target::Command(i)
        .respond(http, CreateInteractionResponse::Modal(modal))
        .await;
    telemetry::delivery("discord", DeliveryKind::Answer, result.is_ok());
    result
}

fn response_flags(ephemeral: bool) -> InteractionResponseFlags {
    if ephemeral {
        InteractionResponseFlags::SUPPRESS_EMBEDS | InteractionResponseFlags::EPHEMERAL
    } else {
        InteractionResponseFlags::SUPPRESS_EMBEDS
    }
}

fn message_flags(ephemeral: bool) -> MessageFlags {
    if ephemeral {
        MessageFlags::SUPPRESS_EMBEDS | MessageFlags::EPHEMERAL
    } else {
        MessageFlags::SUPPRESS_EMBEDS
    }
}

fn response_message(
    p: &Piece,
    ephemeral: bool,
    file: Option<&str>,
) -> CreateInteractionResponseMessage {
    let m = CreateInteractionResponseMessage::new()
        .content(p.content.clone())
        .allowed_mentions(p.allowed_mentions())
        .flags(response_flags(ephemeral));
    match file {
        Some(doc) => m.add_file(document_file(doc)),
        None => m,
    }
}

fn follow_up_message(
    p: &Piece,
    ephemeral: bool,
    file: Option<&str>,
) -> CreateInteractionResponseFollowup {
    let m = CreateInteractionResponseFollowup::new()
        .content(p.content.clone())
        .allowed_mentions(p.allowed_mentions())
        .flags(message_flags(ephemeral));
    match file {
        Some(doc) => m.add_file(document_file(doc)),
        None => m,
    }
}

/// One message to send: which delivery it belongs to, whether only the actor sees it, the content,
/// and its idempotency nonce as a channel message (the delivery's outbox key and the piece's
/// number, as the sink sends it), if the delivery has a key.
struct Out {
    delivery: usize,
    ephemeral: bool,
    piece: Piece,
    nonce: Option<String>,
    /// A document sent with the piece as a file.
    file: Option<String>,
}

/// Whether the actor alone sees a post (`Some(true)`), everyone (`Some(false)`), or it is meant
/// for someone else and cannot travel on this interaction (`None`).
fn visibility(audience: &Audience, actor: &MemberId) -> Option<bool> {
    match audience {
        Audience::Place => Some(false),
        Audience::Reply(m) | Audience::Private(m) if m == actor => Some(true),
        _ => None,
    }
}

/// Runs `work` and answers the interaction with what it returns, deferring first when the work
/// takes longer than `defer_after`. Returns once every message was sent (or failed), with the
/// live status when the command changed it.
pub async fn answer(
    http: &Http,
    engine: &Engine,
    defer_after: Duration,
    target: Target<'_>,
    actor: &MemberId,
    work: impl Future<Output = Answer>,
) -> Option<LiveStatus> {
    tokio::pin!(work);
    let mut deferred = false;
    let quick = if defer_after.is_zero() {
        None
    } else {
        tokio::time::timeout(defer_after, &mut work).await.ok()
    };
    let answer = match quick {
        Some(a) => a,
        None => {
            match target.defer(http).await {
                Ok(()) => deferred = true,
                Err(e) => tracing::warn!(error = %e, "deferring an interaction failed"),
            }
            work.await
        }
    };
    let status = answer.status;
    let mut outs = Vec::new();
    let mut ok = vec![true; answer.deliveries.len()];
    for (i, d) in answer.deliveries.iter().enumerate() {
        let Some(ephemeral) = visibility(&d.post.audience, actor) else {
            tracing::debug!(
                kind = d.post.kind.as_str(),
                "a post for another member cannot travel on this interaction; dropped"
            );
            continue;
        };
        let key = d.key();
        let (message, doc) = split_document(&d.post.message);
        let pieces = render(&message, d.post.lang);
        let last = pieces.len().saturating_sub(1);
        outs.extend(pieces.into_iter().enumerate().map(|(k, piece)| Out {
            delivery: i,
            ephemeral,
            piece,
            nonce: key.as_ref().map(|key| format!("{key}-{k}")),
            file: if k == last { doc.clone() } else { None },
        }));
    }
    let mut outs = outs.into_iter();
    if !deferred {
        let first = outs.next();
        let response = match (&first, target) {
            (Some(o), _) => CreateInteractionResponse::Message(response_message(
                &o.piece,
                o.ephemeral,
                o.file.as_deref(),
            )),
            (None, Target::Component(_)) => CreateInteractionResponse::Acknowledge,
            (None, Target::Command(_) | Target::Modal(_)) => {
                CreateInteractionResponse::Message(response_message(
                    &Piece {
                        content: "Done.".into(),
                        users: vec![],
                    },
                    true,
                    None,
                ))
            }
        };
        if let Err(e) = target.respond(http, response).await {
            tracing::warn!(error = %e, "answering an interaction failed");
            if let Some(o) = &first {
                ok[o.delivery] = false;
            }
            // Without a response there is nothing to follow up on.
            for o in outs {
                ok[o.delivery] = false;
            }
            acknowledge(engine, answer.deliveries, ok).await;
            return status;
        }
    } else if let Target::Command(_) | Target::Modal(_) = target {
        // The deferred response is ephemeral: it takes the first ephemeral piece (or a short note).
        let rest: Vec<Out> = outs.collect();
        let pick = rest.iter().position(|o| o.ephemeral);
        let (edit, failed_delivery) = match pick {
            Some(k) => {
                let e = EditInteractionResponse::new()
                    .content(rest[k].piece.content.clone())
                    .allowed_mentions(rest[k].piece.allowed_mentions());
                let e = match &rest[k].file {
                    Some(doc) => e.new_attachment(document_file(doc)),
                    None => e,
                };
                (e, Some(rest[k].delivery))
            }
            None => (
                EditInteractionResponse::new()
                    .content("Done.")
                    .allowed_mentions(crate::render::allowed_mentions(&[])),
                None,
            ),
        };
        if let Err(e) = target.edit_original(http, edit).await {
            tracing::warn!(error = %e, "editing a deferred response failed");
            if let Some(d) = failed_delivery {
                ok[d] = false;
            }
        }
        let remaining: Vec<Out> = rest
            .into_iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != pick)
            .map(|(_, o)| o)
            .collect();
        send_follow_ups(http, target, remaining, &mut ok).await;
        acknowledge(engine, answer.deliveries, ok).await;
        return status;
    }
    send_follow_ups(http, target, outs.collect(), &mut ok).await;
    acknowledge(engine, answer.deliveries, ok).await;
    status
}

/// The pieces after the response: public ones with a nonce as channel messages (safe to retry,
/// and the sink's redelivery of the same piece is dropped by Discord), the others as follow-ups.
async fn send_follow_ups(http: &Http, target: Target<'_>, outs: Vec<Out>, ok: &mut [bool]) {
    for o in outs {
        let sent = match (&o.nonce, o.ephemeral) {
            (Some(nonce), false) if o.file.is_none() => {
                post_to_channel(
                    http,
                    target.channel(),
                    &o.piece,
                    Some(nonce.clone()),
                    DeliveryKind::Answer,
                )
                .await
            }
            _ => {
                target
                    .follow_up(
                        http,
                        follow_up_message(&o.piece, o.ephemeral, o.file.as_deref()),
                    )
                    .await
            }
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "a message after the interaction response failed");
            ok[o.delivery] = false;
        }
    }
}

/// Tells the engine which deliveries reached Discord; the others stay in its outbox (public ones
/// are then delivered to the channel by the sink).
async fn acknowledge(engine: &Engine, deliveries: Vec<Delivery>, ok: Vec<bool>) {
    let done: Vec<Delivery> = deliveries
        .into_iter()
        .zip(ok)
        .filter_map(|(d, ok)| ok.then_some(d))
        .collect();
    if let Err(e) = engine.acknowledge(&done).await {
        tracing::warn!(error = %e, "acknowledging deliveries failed; they may be delivered again");
    }
}
