# A place's own words: closing a session, formats set or changed, the meeting's end time.

place-closed-headline = Session closed.
place-ended-headline = The meeting has ended.
# $idle is a duration.
place-idle-headline = Closing the session after { $idle } without activity.
# $headline is one of the headlines above (shown emphasised); $erased says what is erased at the close.
place-session-closed = { $headline } Thank you for being here. { $erased }

place-no-such-template = There is no such template; see { $list }.
# $name is the format's name; $parts how many parts it has.
place-format-used = This place's format is now { $name } ({ $parts ->
    [one] 1 part
   *[other] { $parts } parts
}). { $show } shows it; put in your group's own texts with { $text }.
place-format-off = This place has no format now: sessions run share rounds as a host starts them.
# $number is the part's number; $title its title.
place-part-removed = Removed part { $number }, { $title }.
place-format-imported = Imported { $name } ({ $parts ->
    [one] 1 part
   *[other] { $parts } parts
}). { $show } shows it.
place-no-such-time = That time does not come in this time zone.
# $at is a clock time.
place-meeting-ends = The meeting ends at { $at }: shares until the closing fit into the time before it.
place-agenda-follows = Today's agenda follows the change.
place-agenda-kept = Today's meeting keeps its agenda; the change applies from the next session.
place-agenda-not-started = The open session has no agenda yet: { $go } starts it now.
place-already-open = A session is already open (since { $since }). Close it first with { $close }.
# A scheduled meeting whose session a host already opened; $name is the schedule's name.
place-time-for = It's time for { $name }.
