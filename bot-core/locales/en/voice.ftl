# A linked voice or Stage channel (Discord) and its floor. $channel is the channel's name;
# $missing the names of missing permissions (voice-permission, joined).

voice-lost = ⚠ I can no longer change who speaks in { $channel }: I'm missing { $missing } there. The meeting goes on here in text, and I won't touch voice until an admin gives the permission back and links the channel again with { $link }.
voice-lost-still-muted = Hosts: I may have left these members muted; please unmute them by hand:
# What a floor change did (the console shows it). $topic is the Stage's topic.
voice-floor-stage-started = Stage started: { $topic }
# $step is to-speakers, to-audience, unmuted or muted; $names the members it moved.
voice-floor-step = { $step ->
    [to-speakers] to the speakers: { $names }
    [to-audience] back to the audience: { $names }
    [unmuted] unmuted { $names }
   *[muted] muted { $names }
}
voice-floor-stage-ended = Stage ended
# An option for the other kind of channel: $kind is the linked channel's kind (voice or stage).
voice-option-wrong-kind = { $kind ->
    [stage] That is for a voice channel, and { $channel } is a Stage. On a Stage nobody is muted: only the speaker is moved to the speakers.
   *[voice] That is for a Stage, and { $channel } is a voice channel. A voice channel has no Stage to start or end.
}
voice-none-linked = No voice or Stage channel is linked to this meeting. An admin links one with { $link } (Discord).
# $kind is voice or stage.
voice-linked-to = 🔊 Linked to { $channel } ({ $kind ->
    [stage] Stage
   *[voice] voice channel
}).
voice-not-changing = ⚠ Not changing voice: I'm missing { $missing }. Give it back, then { $link } again.
# The live status message's line about voice.
voice-status = 🔊 { $channel }
voice-status-lost = 🔊 { $channel } · not changing voice (missing permission)
voice-status-unmuted = 🔊 { $channel } · nobody is muted
# What `my-data` says the bot knows about a member's voice.
voice-fact-present = that you are in the linked voice channel (kept while you are there)
voice-fact-muted = that I server-muted you for this share round (lifted when it ends or you leave)
voice-fact-unmuting = that I am lifting a server mute I put on you
voice-fact-owed = that I owe you an unmute: you left voice while I had you muted, so I lift it the next time you join voice here
# $n is how many permissions are missing.
voice-missing = I can't run the floor in { $channel }: I'm missing { $missing } there. Give my role { $n ->
    [one] that permission
   *[other] those permissions
} in the channel's permissions, then link it again.
# A Discord permission, as Discord's server settings name it (use Discord's own translation).
voice-permission = { $permission ->
    [view-channel] View Channel
    [manage-channels] Manage Channels
    [mute-members] Mute Members
   *[move-members] Move Members
}
# The last two of several permissions: $first is the ones before (joined by commas).
voice-permissions-and = { $first } and { $last }
# Stands in for a channel's name that cannot be shown.
voice-the-linked-channel = the linked channel
voice-linked = 🔊 Linked { $channel } ({ $kind ->
    [stage] Stage
   *[voice] voice channel
}) to this meeting.
voice-stage-how = When a turn starts I move the speaker to the speakers and the one before back to the audience; hosts and Stage moderators are never moved. A request to speak raises a hand.
# $on and $off are commands.
voice-stage-by-me = I start the Stage when a session opens and end it at the close ({ $off } leaves that to you).
voice-stage-by-you = You start and end the Stage yourselves ({ $on } lets me do it with the session).
voice-mute-on = During a share round I mute everyone in the channel but the speaker and the hosts, and unmute them when it ends ({ $off } stops that).
voice-mute-off = I mute nobody. { $on } mutes everyone but the speaker and the hosts during share rounds (server mute; I lift every mute I put on).
voice-pause-opens = A paused turn opens the floor to everyone ({ $keep } keeps it with the speaker).
voice-pause-keeps = A paused turn keeps the floor with the speaker ({ $open } opens it to everyone).
voice-not-linked = No voice or Stage channel is linked here; an admin links one with { $link }.
# $name is the channel name the member typed.
voice-no-channel = I can't find a voice or Stage channel called “{ $name }” that I could link here. Voice and Stage channels are Discord's; Matrix calls have no floor control, so there the meeting runs in text.

# A Stage's topic when the session has no name.
voice-stage-topic = Meeting
