# The live status message, kept up to date while a session is open.

# Shown emphasised, as $open in status-head.
status-session-open = Session open
# $since is when the session opened (a clock time).
status-head = { $open } · since { $since }
# The same for a session with a name ($name, as the host typed it).
status-head-named = { $open }: { $name } · since { $since }
status-no-round = No share round is running.
status-react-for-hand = React with ✋ to raise your hand; remove the reaction to lower it. Or use { $hand }.
# Shown emphasised, as $closed in status-closed.
status-session-closed = Session closed.
status-closed = { $closed } Thank you for being here.
# The part under way's times: $from and $to are clock times; $about is yes when the end is an
# estimate.
status-part-times = { $about ->
    [yes] { $from }–about { $to }
   *[no] { $from }–{ $to }
}
# $title is the next part's title.
status-next-part = next: { $title }
# Shown emphasised, as $round in status-round-head, while a turn is paused.
status-round-paused = Share round paused
# The round's headline: $round is its name (emphasised), $each each speaker's time; $how is
# paused, auto (the round moves on by itself) or host (the host calls each speaker).
status-round-head = { $how ->
    [paused] { $round } · { $each } each, in this order:
    [auto] { $round } · { $each } each; the plan if everyone takes their full time:
   *[host] { $round } · { $each } each; the host calls each speaker, in this order:
}
status-nobody-waiting = Nobody else is waiting to share.
# One turn of the round's plan: $n its place, $from and $to clock times, $relative the start as
# "in 3 minutes".
status-turn-live = { $n }. { $name } · { $from }–{ $to } ({ $relative })
status-turn = { $n }. { $name } · { $from }–{ $to }
status-turn-paused = { $n }. { $name } · ⏸️ paused
status-turn-time-up = { $n }. { $name } · time is up
status-turn-unplanned = { $n }. { $name }
# $n is how many more are not listed.
status-more = … and { $n } more
status-more-hands = … and { $n } more: { $queue }
# Shown emphasised, as $queue in status-queue-empty; $closed is yes when the queue is closed.
status-queue-empty-heading = Queue:
status-queue-empty = { $closed ->
    [yes] { $queue } no hands up · closed
   *[no] { $queue } no hands up
}
# Shown emphasised, as $queue in status-queue; $n is how many hands are up.
status-queue-heading = Queue
status-queue = { $closed ->
    [yes] { $queue } ({ $n }) · closed:
   *[no] { $queue } ({ $n }):
}
# One raised hand: $n its place; $raised when it went up, as "3 minutes ago" or a clock time.
status-hand-live = { $n }. { $name } · hand up { $raised }
status-hand = { $n }. { $name } · hand up since { $raised }
# Who checked in, as a count (where edits keep what they replaced).
status-roll-count = Checked in: { $n }
status-roll-nobody = Checked in: nobody yet
# Shown emphasised, as $checked_in in status-roll; the names follow.
status-roll-heading = Checked in
status-roll = { $checked_in } ({ $n }):
status-roll-listening = { $name } (listening)
