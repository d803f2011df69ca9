# A meeting's format: its parts described, edits refused, `format` answers and the problems of
# an imported document. Kinds, orders, crosstalk policies and document keys (`share`, `queue`,
# `none`, `title`) are words people type: they stay as they are, in every language.

# A part's kind as typed.
format-kind = { $kind ->
    [text] text
    [reading] reading
    [silence] silence
    [checkin] checkin
    [share] share
    [discussion] discussion
    [announcements] announcements
    [break] break
   *[closing] closing
}
# Pieces of a part's description ("share, 3 minutes each, queue order"), after a comma.
format-describe-until-closing = the time until the closing shared equally
# $time is a duration.
format-describe-each = { $time } each
format-describe-share-time-each = the share time each
format-describe-order = { $order ->
    [checkin] checkin
    [shuffle] shuffle
   *[queue] queue
} order
format-describe-crosstalk = crosstalk { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
# $role is a service role's name.
format-describe-read-by = read by the { $role }
# $chars: how many characters the part's text has.
format-text-size = text of { $chars ->
    [one] 1 character
   *[other] { $chars } characters
}

# Why a part edit is refused ($number is the part's number, $why one of the reasons below).
format-part-refused = Part { $number }: { $why }.
format-until-closing-share-only = only a share part can take the time until the closing
# $kind is a part's kind as typed; $example a time box (2m).
format-needs-time = a { $kind } needs a time box, like `{ $example }`
format-order-share-only = only a share part has an order
format-crosstalk-share-only = only a share or discussion part has a crosstalk policy
format-role-reading-only = only a reading is read by a service role
# $kind is what was typed; $kinds the kinds there are.
format-unknown-kind = “{ $kind }” is not a kind of part; the kinds are { $kinds }
format-no-parts-yet = The format has no parts yet. Add one with { $add }.
format-parts-there-are = { $parts ->
    [one] There is only part 1.
   *[other] There are parts 1 to { $parts }.
}
format-too-many-parts = A format has at most { $max } parts; remove one first with { $remove }.
format-last-part = A format needs at least one part. To run meetings without one, use { $off }.

# `format`: $heading is format-show-heading (emphasised), $name the format's name.
format-show = { $heading }{ $name } ({ $parts ->
    [one] 1 part
   *[other] { $parts } parts
})
format-show-heading = Format:{" "}
format-none = This place has no meeting format: sessions run share rounds as a host starts them. An admin can start from a template with { $template } (see { $list }), or build one with { $add }.
format-export = This place's format as a document: keep it, edit it, and give it back with { $import }.
format-templates = Templates to start from (readings are placeholders for your group's own texts):
# $verb: added, moved or changed; $title the part's title (its description follows).
format-part-said = { $verb ->
    [added] Added
    [moved] Moved
   *[changed] Changed
} part { $number }: { $title }
format-part-done = { $verb ->
    [added] Added.
    [moved] Moved.
   *[changed] Changed.
}

# An imported document's problems, all listed under format-import-refused.
format-import-refused = The document has { $problems ->
    [one] 1 problem
   *[other] { $problems } problems
}; the format is unchanged:
format-doc-too-long = the document is { $bytes } bytes; a format fits in { $max }
# $why is the TOML reader's explanation (in English); $line a line number.
format-doc-not-toml-at = line { $line }: this is not TOML ({ $why }); { $export } shows the form
format-doc-not-toml = this is not TOML ({ $why }); { $export } shows the form
format-doc-in-part = part { $number }: { $problem }
# $key is what was typed; $at top (at the top of the document) or part (inside a part);
# $suggest a known key close to it (when $close is yes); $keys the keys there are.
format-doc-unknown-key = “{ $key }” is not a key { $at ->
    [top] at the top
   *[part] of a part
}{ $close ->
    [yes] {" "}(did you mean `{ $suggest }`?)
   *[no] {""}
}; the keys are { $keys }
format-doc-name-length = `name` must be 1 to { $max } characters, like `name = "Tuesday circle"`
format-doc-name-text = `name` must be text in quotes, like `name = "Tuesday circle"`
format-doc-parts-tables = each part must be a `[[part]]` table
format-doc-no-parts = the format has no parts: add at least one `[[part]]` with a `kind`
format-doc-too-many-parts = the format has { $parts } parts; at most { $max }, please
format-doc-part-table = a part must be a `[[part]]` table
# $key is a document key (title, time…).
format-doc-not-text = `{ $key }` must be text in quotes
format-doc-no-kind = it has no `kind`; give one of { $kinds }
format-doc-title-length = `title` must be 1 to { $max } characters
# $why says what is wrong with the value of $key.
format-doc-field = `{ $key }`: { $why }
# $value is what was typed; $options the values there are.
format-doc-not-one-of = `{ $key }`: “{ $value }” is not one of { $options }
format-doc-role-word = `role` must be one word, the name of a service role

# The title a part gets when the admins give none ($kind is its kind); they can change it.
format-default-title = { $kind ->
    [text] Welcome
    [reading] Reading
    [silence] Moment of silence
    [checkin] Check-in
    [share] Sharing
    [discussion] Discussion
    [announcements] Announcements
    [break] Break
   *[closing] Closing
}
# The name of a format built part by part, and of an imported one that gives no name.
format-default-name = Our meeting
format-unnamed = Our format
