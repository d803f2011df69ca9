# Words every part of the bot uses: durations and relative times.

duration-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
# $duration is a duration, spoken.
time-in = in { $duration }
time-ago = { $duration } ago

# Refusals several parts share.
no-session = There is no open session here. A host can open one with { $open }.
no-round = No share round is running. A host can start one with { $start }.
# $who is host or admin (member for anyone).
not-allowed = Only { $who ->
    [host] a host or an admin
    [admin] an admin
   *[member] anyone
} can use { $command }.
unknown-member = I don't know anyone called “{ $name }” here.
ambiguous-member = More than one member is called “{ $name }”: please mention them instead of typing the name.
# Shown where a typed name cannot be echoed back.
that-name = that name
# A place in a queue or an order: 1st, 2nd, 3rd…
ordinal = { $n }{ NUMBER($n, type: "ordinal") ->
    [one] st
    [two] nd
    [few] rd
   *[other] th
}

# The buttons under the live status message (Discord).
button-hand = Raise hand
button-hand-down = Lower hand
button-done = Done
button-pass = Pass

# What a platform adapter answers by itself.
try-again = Something went wrong on my side and nothing was changed. Please try again in a moment.
# $option is an option's name, $why what was wrong with it, $example a form that works.
option-error = I didn't understand { $option }: { $why }. Try { $example }.
option-error-unnamed = I didn't understand that: { $why }. Try { $example }.
discord-dm-only = sharecircle runs meetings in server channels: please use it there.
discord-unknown-command = I don't know that command any more: Discord may still be updating the command list. Try again in a minute.
discord-old-form = That form is from an older version of me: please use the slash commands.
discord-old-button = That button is from an older version of me: please use the slash commands.
