# What `my-data` and `forget-me` say, and what is said about check-in words when a session closes.
# Be exact: promise what the English promises, no more and no less.

privacy-erased-at-close = Check-in words are erased from my records and from every message I posted; a word you typed in a message of your own stays there until you delete it.
privacy-nothing-stored = I store nothing about you right now. (Check-in words are erased when a session closes.)
privacy-everything-stored = This is everything I store about you:
# Headings in `my-data`: the place the member asks in, and another place ($place is its id).
privacy-here = Here
privacy-in-this-place = In this place
privacy-elsewhere = Elsewhere ({ $place })
privacy-erase-all = To erase all of it, use { $forget }.
privacy-forgotten = Done: I have erased everything I stored about you, in every place. Take care.
# $at is a clock time; $how: listening (checked in just to listen), word (with a feeling word, never shown here), plain.
privacy-checked-in = checked in at { $at }{ $how ->
    [listening] , just listening
    [word] , with a feeling word (erased when the session closes)
   *[plain] {""}
}
privacy-hand-up = hand up since { $since }
privacy-shared = you have shared in this session (kept for fairness until it closes)
privacy-in-order = you are in the current round's order
privacy-passed = you passed in this round
# $role is a service role's name, as the admins wrote it.
privacy-serving = you serve as { $role } in this session
# $days: how many days the dates are kept; $dates: the dates (YYYY-MM-DD).
privacy-attendance-dates = attendance dates (kept { $days ->
    [one] 1 day
   *[other] { $days } days
}): { $dates }
privacy-display-name = your display name: { $name }
