//! A place's commands: the dispatch of each command to the part it changes, opening and
//! closing a session, and settings.

use super::*;

impl Place {
    /// Dispatches the commands that need no session; the rest go to [`Place::in_session`].
    pub(super) fn command(&mut self, now: Timestamp, actor: &Actor, command: Command) -> Res {
        let me = &actor.member;
        match command {
            Command::Help { topic } => help(me, topic.as_deref()),
            Command::Crisis => {
                let mut out = Out::new();
                out.private(me, PostKind::Crisis, self.settings.crisis_message());
                out.done()
            }
            Command::MyData => {
                let mut out = Out::new();
                let facts = self.member_facts(&me.id);
                let places = facts.map(|f| (say!("privacy-in-this-place"), f));
                let message = my_data_message(places.into_iter().collect());
                out.private(me, PostKind::MyData, message);
                out.done()
            }
            Command::ForgetMe => {
                let mut out = Out {
                    outcome: self.forget_member(now, &me.id),
                };
                out.stored();
                out.private(me, PostKind::Forgotten, forgotten_message());
                out.done()
            }
            Command::Settings => Out::replying(me, self.settings.message()),
            Command::Set(change) => self.set(me, change),
            Command::CrisisSet { text } => {
                Out::saved(me, self.settings_mut().set_crisis(Some(text)))
            }
            Command::CrisisReset => Out::saved(me, self.settings_mut().set_crisis(None)),
            Command::Open { name } => self.open(now, me, name),
            Command::Close => self.close_session(say!("place-closed-headline")),
            Command::ScheduleAdd(new) => {
                let zone = self.settings.timezone.clone();
                schedule::add(&mut self.schedules, now, me, &zone, new)
            }
            Command::ScheduleRemove { name } => {
                let removed = schedule::remove(&mut self.schedules, &name)?;
                if let Some(session) = self.session.as_mut() {
                    if session.schedule.as_deref() == Some(removed.name.as_str()) {
                        // The open session stays open; it is simply no longer closed by the
                        // schedule.
                        session.schedule = None;
                    }
                }
                Out::saved(me, schedule::removed_message(&removed))
            }
            Command::ScheduleList => Out::replying(me, schedule::list_message(&self.schedules)),
            Command::ScheduleNext => {
                let serving = rotation::servant_spans(&self.rota().upcoming_servants(), false);
                Out::replying(me, schedule::next_message(&self.schedules, serving))
            }
            Command::RolesAdd { role } => self.rota().roles_add(me, role),
            Command::RolesRemove { role } => {
                let out = self.rota().roles_remove(me, &role)?;
                self.register().tidy_people();
                Ok(out)
            }
            Command::RolesVolunteer { role } => self.rota().roles_volunteer(me, &role),
            Command::RolesUnvolunteer { role } => {
                let out = self.rota().roles_unvolunteer(me, &role)?;
                self.register().tidy_people();
                Ok(out)
            }
            Command::RolesList => self.rota().roles_list(me),
            Command::RolesSwap { role, member } => {
                let who = self.resolve_ref(&member);
                self.rota().roles_swap(&role, who)
            }
            Command::RolesRotate => self.rota().roles_rotate(),
            Command::FormatShow => Out::replying(
                me,
                match &self.format {
                    Some(f) => f.message(),
                    None => format_doc::no_format_message(),
                },
            ),
            Command::FormatList => {
                Out::replying(me, format_doc::list_message(self.settings.language))
            }
            Command::FormatUse { template } => {
                let Some(f) = format_doc::template(&template, self.settings.language) else {
                    return Err(format_error(vec![say!(
                        "place-no-such-template",
                        list = say::cmd("format list")
                    )]));
                };
                let said = Message::say(say!(
                    "place-format-used",
                    name = say::user(&f.name),
                    parts = f.parts.len(),
                    show = say::cmd("format"),
                    text = say::cmd("format text")
                ));
                self.change_format(me, Some(f), said)
            }
            Command::FormatOff => {
                if self.format.is_none() {
                    return Out::replying(me, format_doc::no_format_message());
                }
                let said = Message::say(say!("place-format-off"));
                self.change_format(me, None, said)
            }
            Command::FormatAdd { kind, time, title } => {
                let lang = self.settings.language;
                let mut part = Part::new(kind, lang);
                if let Some(t) = title {
                    part.title = t;
                }
                let number = self.format.as_ref().map_or(1, |f| f.parts.len() + 1);
                if let Some(tb) = time {
                    part.edit(crate::domain::format::PartEdit::Time(tb))
                        .map_err(|why| crate::domain::format::edit_refused(number, why))?;
                }
                let mut format = (self.format.as_deref().cloned())
                    .unwrap_or_else(|| Format::starting_with(part.clone(), lang));
                let index = if self.format.is_some() {
                    format.add(part)?
                } else {
                    0
                };
                let said = format_doc::part_said("added", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatRemove { part } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let removed = format.remove(part)?;
                let said = Message::say(say!(
                    "place-part-removed",
                    number = part,
                    title = say::user(&removed.title)
                ));
                self.change_format(me, Some(format), said)
            }
            Command::FormatMove { part, to } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let index = format.move_part(part, to)?;
                let said = format_doc::part_said("moved", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatEdit { part, edit } => {
                let mut format =
                    (self.format.as_deref().cloned()).ok_or_else(format_doc::no_format)?;
                let index = format.edit(part, edit)?;
                let said = format_doc::part_said("changed", &format, index);
                self.change_format(me, Some(format), said)
            }
            Command::FormatExport => {
                let format = self.format.as_ref().ok_or_else(format_doc::no_format)?;
                Out::replying(me, format_doc::export_message(format))
            }
            Command::FormatImport { doc } => {
                let format = format_doc::import(&doc.0, self.settings.language)
                    .map_err(format_doc::import_refused)?;
                let said = Message::say(say!(
                    "place-format-imported",
                    name = say::user(&format.name),
                    parts = format.parts.len(),
                    show = say::cmd("format")
                ));
                self.change_format(me, Some(format), said)
            }
            Command::WelcomeShow => Out::replying(me, welcome::show(&self.settings)),
            Command::WelcomeSet { lines } => {
                self.settings_mut().welcome_text = Some(lines);
                let said =
                    Message::say(say!("welcome-set")).append(welcome::message(&self.settings));
                Out::saved(me, said)
            }
            Command::Language { lang: None } => self.languages().show(me, actor.locale.member),
            Command::Language { lang: Some(l) } => self.languages().set(me, l),
            Command::LanguageReset => self.languages().reset(me),
            Command::WelcomeReset => {
                self.settings_mut().welcome_text = None;
                let said = Message::say(say!("welcome-reset", welcome = say::cmd("welcome")));
                Out::saved(me, said)
            }
            Command::VoiceShow => Out::replying(
                me,
                (self.voice.as_deref()).map_or_else(|| Voice::default().message(), Voice::message),
            ),
            Command::VoiceLink { channel } => {
                let found = match channel {
                    ChannelArg::Named(typed) => return Err(voice::no_voice_here(&typed)),
                    ChannelArg::Found(found) => found,
                };
                let mut out = Out::new();
                let said = self.voice.get_or_insert_default().link(found, &mut out)?;
                out.changed();
                out.reply(me, said);
                out.done()
            }
            Command::VoiceOff => {
                let v = (self.voice.as_mut())
                    .filter(|v| v.link.is_some())
                    .ok_or_else(voice::not_linked)?;
                let mut out = Out::new();
                v.unlink(&mut out);
                out.changed();
                out.reply(
                    me,
                    Message::text(
                        "The voice channel is unlinked. I lifted every mute I had put on, and I change nothing in voice any more.",
                    ),
                );
                out.done()
            }
            Command::VoiceMute(on) => self.voice_option(me, LinkOption::Mute, on),
            Command::VoiceStage(on) => self.voice_option(me, LinkOption::Stage, on),
            Command::VoicePause { opens } => self.voice_option(me, LinkOption::PauseOpens, opens),
            Command::Agenda => {
                let s = self.session.as_ref().ok_or_else(no_session)?;
                let a = s.agenda.as_ref().ok_or_else(no_agenda)?;
                let view = a.view(s.speakers(), self.settings.share_time);
                Out::replying(me, Agenda::message(&view))
            }
            Command::AgendaNext => {
                let (mut out, walked) = self.walk().ok_or_else(no_session)?.next(now)?;
                self.walked(walked, &mut out);
                out.done()
            }
            Command::AgendaBack => self.walk().ok_or_else(no_session)?.back(now),
            Command::AgendaSkip { part } => {
                let (mut out, walked) = self.walk().ok_or_else(no_session)?.skip(now, me, part)?;
                self.walked(walked, &mut out);
                out.done()
            }
            Command::AgendaGo { part } => {
                let format = self.format.as_deref().cloned();
                self.walk()
                    .ok_or_else(no_session)?
                    .go(now, part, format.as_ref())
            }
            Command::AgendaEnd { at: (hour, minute) } => {
                let zone = self.settings.timezone.clone();
                let s = self.session.as_mut().ok_or_else(no_session)?;
                let a = s.agenda.as_mut().ok_or_else(no_agenda)?;
                let Some(end) = calendar::next_clock(hour, minute, &zone, now) else {
                    return Err(format_error(vec![say!("place-no-such-time")]));
                };
                a.ends = Some(end);
                let mut out = Out::new();
                out.changed();
                out.public(
                    PostKind::Notice,
                    Message::say(say!("place-meeting-ends", at = say::clock(end))),
                );
                out.done()
            }
            Command::RoundStart {
                share_time,
                order: None,
            } if self.part_waits_for_round() => {
                let share = share_time
                    .map(|d| settings::Bounded::ShareTime.check_suggesting(d, "round start 3m"))
                    .transpose()?;
                let part = self.current_part().cloned().ok_or_else(no_agenda)?;
                let mut out = Out::new();
                let mut walk = self.walk().ok_or_else(no_session)?;
                walk.begin_round(now, &part, share, vec![], &mut out)?;
                out.done()
            }
            other => self.in_session(now, me, other),
        }
    }

    /// Sets the place's format (`None`: none) and says `said`, with what it means for the open
    /// session: its agenda takes changes to parts not yet begun.
    pub(super) fn change_format(
        &mut self,
        me: &Member,
        format: Option<Format>,
        said: Message,
    ) -> Res {
        self.format = format.map(Box::new);
        let mut out = Out::new();
        out.stored();
        let mut said = said;
        let format = self.format.as_ref();
        match self.session.as_mut() {
            Some(s) if s.agenda.is_some() => {
                let agenda = s.agenda.as_mut().expect("checked");
                if format.is_some_and(|f| agenda.follow_format(f)) {
                    out.changed();
                    said = said.then_line(vec![say!("place-agenda-follows")]);
                } else {
                    said = said.then_line(vec![say!("place-agenda-kept")]);
                }
            }
            Some(_) if format.is_some() => {
                said = said.then_line(vec![say!(
                    "place-agenda-not-started",
                    go = say::cmd("agenda go 1")
                )]);
            }
            _ => {}
        }
        out.reply(me, said);
        out.done()
    }

    /// Dispatches the commands that need an open session, handing each to the session (and the
    /// session to its round).
    pub(super) fn in_session(&mut self, now: Timestamp, me: &Member, command: Command) -> Res {
        let Place {
            settings,
            session,
            rounds_started,
            seed,
            people,
            attendance,
            last_purge,
            service_roles,
            welcomed,
            ..
        } = self;
        let Some(session) = session.as_mut() else {
            return Err(no_session());
        };
        session.members.insert(me.id.clone(), me.name.clone());
        if matches!(command, Command::CheckIn { .. } | Command::CheckInListen) {
            let mut register = Register {
                dates: attendance,
                people,
                last_purge,
                roles: service_roles,
                settings,
            };
            register.record(now, me);
        }
        let fairness = settings.fairness;
        let resolve = |r: &MemberRef| resolve(people, Some(&session.members), r);
        let mut welcomes = Welcomes {
            seen: welcomed,
            last_purge,
            settings,
        };
        let mut welcome = |checked_in: Res| {
            let mut out = Out {
                outcome: checked_in?,
            };
            welcomes.checked_in(now, me, &mut out);
            out.done()
        };
        match command {
            Command::CheckIn { word } => welcome(session.check_in(now, me, word, false)),
            Command::CheckInListen => welcome(session.check_in(now, me, None, true)),
            Command::Roll => session.roll(me),
            Command::Hand => session.hand(now, me, fairness),
            Command::HandDown => session.hand_down(me),
            Command::Queue => session.queue_listing(now, me),
            Command::Status => session.status(now, me),
            Command::Done => session.done(now, settings, me),
            Command::Pass => session.pass(now, settings, me),
            Command::RoundStart { share_time, order } => {
                let varied = (*seed, *rounds_started);
                let out = session.round_start(now, settings, share_time, order, varied)?;
                *rounds_started += 1;
                Ok(out)
            }
            Command::Next => session.next(now, settings),
            Command::Skip { member } => {
                if session.round.is_none() {
                    return Err(no_round());
                }
                let target = member.as_ref().map(resolve).transpose()?;
                session.skip(now, settings, me, target)
            }
            Command::Extend { by } => session.extend(now, settings, by.unwrap_or(Millis::mins(1))),
            Command::Pause => session.pause(now),
            Command::Resume => session.resume(now, settings),
            Command::RoundEnd => session.round_end(fairness),
            Command::QueueRemove { member } => {
                let id = resolve(&member)?;
                session.queue_remove(me, &id)
            }
            Command::QueueMove { member, position } => {
                let id = resolve(&member)?;
                session.queue_move(me, &id, position)
            }
            Command::QueueClear => session.queue_clear(),
            Command::QueueClose => session.queue_open(me, false),
            Command::QueueOpen => session.queue_open(me, true),
            // Dispatched in `command`, before a session is needed.
            Command::WelcomeShow
            | Command::WelcomeSet { .. }
            | Command::WelcomeReset
            | Command::Language { .. }
            | Command::LanguageReset
            | Command::VoiceShow
            | Command::VoiceLink { .. }
            | Command::VoiceOff
            | Command::VoiceMute(_)
            | Command::VoiceStage(_)
            | Command::VoicePause { .. }
            | Command::Help { .. }
            | Command::Crisis
            | Command::MyData
            | Command::ForgetMe
            | Command::Settings
            | Command::Set(_)
            | Command::CrisisSet { .. }
            | Command::CrisisReset
            | Command::Open { .. }
            | Command::Close
            | Command::ScheduleAdd(_)
            | Command::ScheduleRemove { .. }
            | Command::ScheduleList
            | Command::ScheduleNext
            | Command::RolesAdd { .. }
            | Command::RolesRemove { .. }
            | Command::RolesVolunteer { .. }
            | Command::RolesUnvolunteer { .. }
            | Command::RolesList
            | Command::RolesSwap { .. }
            | Command::RolesRotate
            | Command::Agenda
            | Command::AgendaNext
            | Command::AgendaBack
            | Command::AgendaSkip { .. }
            | Command::AgendaGo { .. }
            | Command::AgendaEnd { .. }
            | Command::FormatShow
            | Command::FormatList
            | Command::FormatUse { .. }
            | Command::FormatOff
            | Command::FormatAdd { .. }
            | Command::FormatRemove { .. }
            | Command::FormatMove { .. }
            | Command::FormatEdit { .. }
            | Command::FormatExport
            | Command::FormatImport { .. } => unreachable!("dispatched in command()"),
        }
    }

    /// Finds a member this place knows by platform id, by display name (case-insensitive), or
    /// `@name`.
    pub(super) fn resolve_ref(&self, r: &MemberRef) -> Result<MemberId, Rejection> {
        resolve(&self.people, self.session.as_ref().map(|s| &s.members), r)
    }

    // ----- sessions

    pub(super) fn open(&mut self, now: Timestamp, me: &Member, name: Option<UserText>) -> Res {
        if let Some(s) = &self.session {
            return Err(reject(
                Code::SessionAlreadyOpen,
                vec![say!(
                    "place-already-open",
                    since = say::clock(s.opened_at),
                    close = say::cmd("close")
                )],
            ));
        }
        let (mut session, mut msg) = Session::open(now, name);
        session.members.insert(me.id.clone(), me.name.clone());
        self.session = Some(session);
        if let Some(line) = self.rota().assign_servants() {
            msg = msg.then_line(line);
        }
        let mut out = Out::new();
        out.changed();
        self.open_with_format(now, msg, &mut out);
        out.done()
    }

    /// Posts the opening `msg`; with a format, the agenda follows in it and the first part
    /// begins.
    pub(super) fn open_with_format(&mut self, now: Timestamp, msg: Message, out: &mut Out) {
        let Some(format) = self.format.as_deref().cloned() else {
            out.public(PostKind::SessionOpened, msg);
            return;
        };
        let mut posts = Out::new();
        if let Some(mut walk) = self.walk() {
            walk.start(now, &format, 0, &mut posts);
        }
        let agenda = self
            .session
            .as_ref()
            .and_then(|s| s.agenda.as_ref())
            .map(|a| Agenda::message(&a.view(self.speakers(), self.settings.share_time)));
        let mut msg = msg.append(agenda.unwrap_or_default());
        let mut posts = posts.outcome.posts;
        // The first part's words go out with the opening, as one post.
        if posts.len() == 1 && posts[0].kind == PostKind::Part {
            msg = msg.append(posts.remove(0).message);
        }
        out.public(PostKind::SessionOpened, msg);
        out.outcome.posts.extend(posts);
    }

    /// How many are checked in to share in the open session.
    pub(super) fn speakers(&self) -> usize {
        self.session.as_ref().map(Session::speakers).unwrap_or(0)
    }

    /// Closes the open session (ending its round), with `headline` (the bot's words, shown
    /// emphasised) as the goodbye's first words.
    pub(crate) fn close_session(&mut self, headline: Span) -> Res {
        let Some(mut session) = self.session.take() else {
            return Err(no_session());
        };
        let mut out = Out::new();
        session.end_round(self.settings.fairness, &mut out, vec![]);
        out.changed();
        out.public(
            PostKind::SessionClosed,
            Message::say(say!(
                "place-session-closed",
                headline = say::strong_say(headline),
                erased = erased_at_close()
            )),
        );
        out.done()
    }

    pub(super) fn set(&mut self, me: &Member, change: SettingChange) -> Res {
        // These change a running round's plan or the queue's order, which the status view shows.
        let shown = self.session.is_some() && settings::shows_in_status(&change);
        let fairness_on = change == SettingChange::Fairness(true);
        let attendance_off = change == SettingChange::Attendance(false);
        let welcome_off = change == SettingChange::Welcome(false);
        let mut next = Settings::clone(&self.settings);
        let said = next.change(change)?;
        self.settings = settings::share(next);
        if let Some(s) = self.session.as_mut().filter(|_| fairness_on) {
            s.floor(true).reorder_for_fairness();
        }
        if attendance_off {
            self.register().clear();
        }
        if welcome_off {
            // Nothing is kept for a welcome that is not sent.
            self.welcomed.clear();
        }
        if attendance_off || welcome_off {
            self.purged(None);
        }
        let mut out = Out::new();
        out.stored();
        out.outcome.status_changed = shown;
        out.reply(me, Message::line(said));
        out.done()
    }

    // ----- deadlines
}
