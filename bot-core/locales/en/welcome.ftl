# The newcomer welcome (a private message at a member's first check-in to a place) and its
# commands. Plain and warm; promise exactly what the English promises about what is kept.

welcome-hello = Hello, and thank you for coming. It's your first time in this meeting, so here is how it works:
welcome-turns = In a share round I call each person in turn and keep the time, so everyone gets the same. You'll see when your turn starts and ends.
welcome-pass = You never have to share. { $pass } skips your turn, before it comes or when it does, and I only ever say that you passed. { $listen } means you'd rather just listen today.
welcome-hand = To ask to speak, raise your hand with { $hand }.
welcome-crisis = If things are hard right now, { $crisis } shows you, privately, where to find help.
welcome-kept = I keep your display name while you take part, the date you last checked in (so I welcome you only once), and, if this meeting records attendance, the dates you came. Check-in words are erased when the session closes.
# Closes every welcome, the admins' own too.
welcome-keeps = I never keep what anyone shares. { $my_data } shows everything I store about you, and { $forget } erases it.
welcome-show-on = A member checking in here for the first time gets this, privately ({ $off } stops it):
welcome-show-off = The newcomer welcome is off ({ $on } sends it). It reads:
welcome-set = This meeting's welcome is set. A newcomer gets it like this:
welcome-reset = Newcomers get the default welcome again (see it with { $welcome }).
# A `my-data` line. $date is YYYY-MM-DD; $days how many days it is kept.
welcome-fact = that you checked in here before, last on { $date } (kept { $days ->
    [one] 1 day
   *[other] { $days } days
}, so that I welcome you only once)
