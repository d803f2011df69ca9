# What is wrong with a command as a member typed it.
# $typed is always what the member typed, quoted back; $help the command `help`.

parse-empty = Type { $help } to see what I can do.
parse-unknown-command = I don't know the command “{ $typed }”. Type { $help } for the list.
# $command is the command the member probably meant.
parse-unknown-command-suggest = I don't know the command “{ $typed }”. Did you mean { $command }? Type { $help } for the list.
# $typed is a first word like `round`; $choices the commands that begin with it.
parse-one-more-word = “{ $typed }” needs one more word: { $choices }.
# The end of a list of choices: $items are the first ones (joined by commas), $last the last.
parse-either = { $items } or { $last }
# $typed is the whole command; $why what is wrong (one of the messages below); $example a
# form that works.
parse-not-understood = I didn't understand “{ $typed }”: { $why }. Try { $example }.
# Why, for parse-not-understood (each completes its sentence, without a final full stop).
# $command is the command's words as typed.
parse-takes-nothing = { $command } takes nothing after it
# $name is the name of the argument that is missing, as in the command's usage.
parse-needs = it needs { $name }
parse-command-needs = { $command } needs { $name }
parse-wrong-kind = { $command } got an argument of the wrong kind
parse-unexpected = I don't know what “{ $typed }” means here
parse-missing = something is missing
parse-duration-missing = a duration is missing
# $n is the number the member typed without a unit.
parse-duration-unit = “{ $typed }” has no unit: write `{ $n }s` for seconds or `{ $n }m` for minutes
parse-duration-too-long = “{ $typed }” is longer than 24 hours
parse-duration-bad = “{ $typed }” is not a duration like `90s`, `3m` or `1m30s`
parse-durations-empty = give at least one time, like `1m,30s`, or `none`
parse-durations-too-many = at most { $max } warnings, please
# $choices are the words that work, as typed.
parse-choice = “{ $typed }” is not one of { $choices }
parse-member-missing = say which member
parse-text-empty = the text is empty
parse-text-too-long = that is { $found } characters; please keep it to { $max }
parse-position = “{ $typed }” is not a position like `1` or `3`
parse-word-one = give one word as the name
parse-word-too-long = keep the name to { $max } characters
parse-word-letters = “{ $typed }” should be letters, digits, `-` or `_`
parse-days = “{ $typed }” is not a number of days like `30d` (1 to 3650)
parse-channel-missing = say which channel, like `#Lounge`
# $languages lists the languages, each as parse-language-item.
parse-language = I don't speak “{ $typed }” yet; I speak { $languages }
# $code is the code to type, $name the language's name.
parse-language-item = { $code } ({ $name })
