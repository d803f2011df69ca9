# Walking a meeting's agenda (its format's parts). $title is a part's title, as the format says.

# $choose and $list are commands.
agenda-none = This meeting has no format to walk through. An admin chooses one with { $choose } (see { $list }).
agenda-checkin-how = Check in with { $checkin } (one feeling word if you like), or { $listen } to just listen.
# A go-around's part while nobody can be called yet.
agenda-waiting-hands = Raise your hand with { $hand } to share; the host starts the round with { $start }.
agenda-waiting-checkins = Check in with { $checkin } to take part; when everyone is here, the host starts the go-around with { $start }.
# $each is each one's time; $set an example command.
agenda-no-end = No end time is known for this meeting, so each shares { $each }. A host can set the end with { $set }.
# $closing is the clock time the shares must end by; $each each one's time; $waiting how many
# are still to share.
agenda-budget = We share the time until the closing at { $closing }: { $each } each for the { $waiting } of you still to share; if someone passes or finishes early, the others get more time.
# Not everyone fits: $each is the shortest share, $fit how many fit at that.
agenda-budget-hands = We share the time until the closing at { $closing }: at { $each } each, about { $fit } of the { $waiting } of you can share, so the round takes raised hands: those who haven't shared today go first.
agenda-part-ended = { $title } has ended.
agenda-last-part-over = That was the last part of the agenda. A host closes the session with { $close }.
agenda-first-part = This is the first part of the agenda.
# $n is a part's number.
agenda-part-under-way = Part { $n } is under way.
agenda-nothing-to-skip = No part is left to skip after this one.
agenda-part-over-already = Part { $n } is over already; to go back to it use { $go }.
agenda-part-skipped-already = Part { $n } is skipped already.
agenda-part-will-skip = Part { $n }, { $title }, will be skipped. { $go } takes it back.
agenda-over = The agenda is over. A host closes the session with { $close }.
agenda-over-short = The agenda is over.
# A part's time box is almost over: $left is the time left, $until its end (a clock time).
agenda-part-warning = { $title }: { $left } left, until { $until }.
# Shown emphasised, as $heading in agenda-part-begins: $n is the part's number, $total how many
# parts the agenda has.
agenda-part-heading = Part { $n } of { $total }:
agenda-part-begins = { $heading } { $title }.
# $until is when the part ends (a clock time), $relative the same as "in 3 minutes".
agenda-part-begins-until = { $heading } { $title }, until { $until } ({ $relative }).
# A reading: $reader is the member who reads (pinged).
agenda-read-by = Read by { $reader }.
agenda-reader-wanted = Would someone like to read it? The chair asks for a volunteer.
agenda-discussion = Crosstalk is welcome now.
agenda-silence = Let us take a moment of silence together.
agenda-break = Take a breather; we continue at the end.
# The `agenda` answer: a heading (emphasised) and the format's name.
agenda-listing-heading = Agenda:
agenda-listing = { $heading } { $name }
# One part in the agenda list: $n its number, $from and $to clock times; $about is yes when
# the end is only an estimate.
agenda-entry-timed = { $about ->
    [yes] { $n }. { $from }–about { $to } { $title }
   *[no] { $n }. { $from }–{ $to } { $title }
}
agenda-entry-from = { $n }. from { $from } { $title }
agenda-entry = { $n }. { $title }
# After a part in the list: it is under way (emphasised), over, or skipped.
agenda-entry-now = (now)
agenda-entry-done = (done)
agenda-entry-skipped = (skipped)
