# Titles of the forms that ask for a long text (Discord: a modal), at most 45 characters.
# $part is the part's number as the member typed it.
modal-format-text = Text of part { $part }
modal-welcome-set = Welcome
