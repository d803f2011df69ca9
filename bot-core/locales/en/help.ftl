# The answers to `help`.

# $help is the command `help COMMAND`.
help-list = Commands (say { $help } for more):
# A heading above the commands a role may use; $who is member, host or admin.
help-heading = { $who ->
    [host] For hosts
    [admin] For admins
   *[member] For everyone
}
# $topic is what the member typed after `help`; $help is the command `help`.
help-unknown = There is no command `{ $topic }`. Type { $help } for the list.
# $usage is the command with its arguments (`round start [share-time] [order]`), $summary its
# one-line summary.
help-command = { $usage } — { $summary }.
# One argument: $name is its name as typed, $help what it is; $required is yes or no.
help-arg = { $name }: { $help }{ $required ->
    [yes] {""}
   *[no] {" "}(optional)
}
# $who is who may use the command: member (anyone), host or admin; $example a form that works.
help-who = Who: { $who ->
    [host] a host or an admin
    [admin] an admin
   *[member] anyone
}. Example: { $example }
# $aliases are other words for the same command, as typed.
help-aliases = Also: { $aliases }
