# A session: its opening, check-ins and the roll.

# Shown emphasised, as $welcome in session-opened and session-opened-named.
session-open-welcome = Welcome. The session is open
session-opened = { $welcome }.
# $name is the session's name, as the host typed it.
session-opened-named = { $welcome }: { $name }.
# $checkin, $listen and $hand are commands.
session-open-how = Check in with { $checkin } (add one feeling word if you like), or { $listen } to just listen. Raise your hand with { $hand }.
# $listening is yes when the member checked in to just listen.
session-checked-in = { $listening ->
    [yes] Welcome, { $name } (just listening).
   *[no] Welcome, { $name }.
}
# A member who checked in again (maybe switching to or from just listening).
session-checked-in-again = { $listening ->
    [yes] Updated: { $name } (just listening).
   *[no] Updated: { $name }.
}
session-roll-empty = Nobody has checked in yet. Check in with { $checkin }.
# $n is how many checked in; the names follow as a list.
session-roll = Checked in ({ $n }):
session-roll-listening = { $name } (listening)

# Raised hands and the queue. $place is an ordinal: 1st, 2nd…
queue-hand-already-up = Your hand is already up: you are { $place } in the queue.
queue-closed-by-host = The host has closed the queue for now.
queue-hand-up = Your hand is up: you are { $place } in the queue.
queue-hand-not-up = Your hand isn't up.
queue-hand-down = Your hand is down.
# Said to a member who passes while no round runs: their raised hand goes down.
queue-hand-down-okay = Your hand is down. That's okay.
# $closed is yes when the host closed the queue.
queue-empty = { $closed ->
    [yes] No hands are up. The queue is closed.
   *[no] No hands are up.
}
# $n is how many hands are up; the list follows.
queue-heading = { $closed ->
    [yes] Queue ({ $n }): The queue is closed.
   *[no] Queue ({ $n }):
}
# $n is the place in the queue, $duration how long the hand has been up.
queue-entry = { $n }. { $name } — hand up for { $duration }
queue-no-hand-up = { $name } has no hand up.
queue-lowered = Lowered { $name }'s hand.
queue-moved = Moved { $name } to { $place } in the queue.
queue-cleared = All hands have been lowered.
queue-already-closed = The queue is already closed.
queue-already-open = The queue is already open.
queue-now-closed = The queue is closed for now: no new hands, please.
queue-now-open = The queue is open: raise your hand with { $hand }.
queue-nobody-to-call = Nobody's hand is up. To start a timed go-around use { $start }.
# Outside a round, a host calls the first raised hand; $name pings them.
queue-floor = { $name }, you have the floor.

# Share rounds. $name is a member's name (pinged where they are called).
round-already-running = A round is already running. End it first with { $end }.
round-not-your-turn = It's { $name }'s turn; { $done } ends only your own turn.
# Said before the next speaker is called, when the speaker says they are done.
round-thank-you = Thank you, { $name }.
# Said when the host moves on from a speaker (skip, or the speaker left).
round-moving-on = Moving on.
round-passed = { $name } passed.
round-queue-nobody = Nobody's hand is up, so a queue round has no one to call. Members can raise a hand with { $hand }.
round-nobody-checked-in = Nobody has checked in to share yet (listeners are not called). Members can { $checkin }, or start a round from raised hands with { $queue }.
# Names of a round, shown emphasised as $what in round-opening.
round-share-round = Share round
round-go-around = Go-around
# $what is round-share-round or round-go-around; $each is each speaker's time;
# $order is checkin, queue or shuffle; $crosstalk is none, discussion or open.
round-opening = { $what }: { $each } each, { $order ->
    [checkin] in check-in order
    [queue] from raised hands
   *[shuffle] in a shuffled order
}. { $crosstalk ->
    [none] No crosstalk: please listen without responding to shares.
    [discussion] Crosstalk: please hold responses for the discussion after the round.
   *[open] Crosstalk is open: gentle responses are welcome.
}
# $names is the list of names, in order; $pass the command.
round-order = Order: { $names }. Say { $pass } at any time if you'd rather not share.
# A speaker's call: $each is their time, $until the clock time it ends, $relative the same
# time as "in 3 minutes".
round-call = { $name }, you have the floor: { $each }, until { $until } ({ $relative }).
# The same, naming who comes after them ($next).
round-call-up-next = { $name }, you have the floor: { $each }, until { $until } ({ $relative }). Up next: { $next }.
# Shown emphasised, as $ended in round-ended.
round-ended-heading = The round has ended.
# $n is how many shared (the only number a round tells).
round-ended = { $ended } { $n ->
    [0] Nobody shared this time, and that is okay.
    [one] 1 member shared.
   *[other] { $n } members shared.
} Thank you, everyone.
round-already-passed = You have already passed for this round.
round-pass-noted = Noted: you will be passed when your turn comes. Nobody will hear anything but "passed".
round-turn-was-already = Your turn in this round has already been.
round-not-in-order = You are not in this round's order, so there is nothing to pass. You're welcome to just listen.
round-not-waiting = { $name } is not waiting for a turn in this round.
round-will-skip = { $name } will be skipped in this round.
round-resuming = Resuming.
# "Time": the speaker's time is up. Shown emphasised, as $time in round-time.
round-time-word = Time
round-time = { $time }, { $name }. Thank you for sharing.
round-time-host-calls = { $time }, { $name }. Thank you for sharing. The host will call the next speaker.
# The next speaker, pinged, with their turn's start and end clock times.
round-you-are-next = { $name }, you're next: your turn runs from { $from } to { $to }.
# $before is a clock time.
round-last-unless-hand = No hands are up: unless someone raises one with { $hand } before { $before }, that was the last share of this round.
round-last-share = That was the last share of this round.

# A turn's clock. $name is the speaker's name.
turn-extend-too-short = Extend by at least a second, like { $example }.
# $more is the time added.
turn-extended-paused = { $name } has { $more } more (the clock is paused).
# $until is the new end as a clock time, $relative the same as "in 3 minutes".
turn-extended = { $name } has { $more } more, until { $until } ({ $relative }).
turn-already-paused = The round is already paused. Use { $resume }.
# Shown emphasised, as $paused in turn-paused.
turn-paused-word = Paused.
turn-paused = { $paused } The clock is stopped; take the time you need.
turn-not-paused = The round is not paused.
# $left is the time the speaker still has, $until when it ends.
turn-resumed = Resumed: { $name } has { $left } left, until { $until }.
# The warning before a speaker's time is up: $left is the time left, $until when it ends.
turn-warning = { $name }, { $left } left (until { $until }).

# The `status` answer. Shown emphasised, as $open in session-status.
session-status-open = Session open
# $since is when the session opened (a clock time); $checkins how many checked in;
# $hands how many hands are up.
session-status = { $open } since { $since }. { $checkins } checked in, { $hands } hand(s) up.
# The same for a session with a name ($name, as the host typed it).
session-status-named = { $open } since { $since }: { $name }. { $checkins } checked in, { $hands } hand(s) up.
# The agenda part under way: $n is its number, $total how many parts there are, $title its title.
session-status-part = Part { $n } of { $total }: { $title }.
session-status-part-until = Part { $n } of { $total }: { $title }, until { $until }.
# $until is a clock time, $left the time the speaker still has.
session-status-speaking = Speaking: { $name }, until { $until } ({ $left } left).
session-status-speaking-paused = Speaking: { $name } — paused with { $left } left.
session-status-speaking-time-up = Speaking: { $name } — time is up.
session-status-round-running = A round is running.
session-status-up-next = Up next: { $name }.
