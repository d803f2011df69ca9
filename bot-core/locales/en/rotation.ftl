# Service roles (chair, timekeeper, reader…) that rotate between volunteers.
# $role and $name are a role's name as the admins wrote it; $serving lists who serves
# ("chair: @Ana, timekeeper: @Ben").

rotation-volunteer-fact = you volunteer for: { $roles }
# $name is what was typed; $known the roles there are (when $any is yes).
rotation-unknown = There is no service role “{ $name }”. { $any ->
    [yes] Roles here: { $known }.
   *[no] There are no service roles yet; an admin can add one with { $add }.
}
rotation-serving-today = Serving today: { $serving }.
rotation-exists = The service role `{ $name }` already exists.
rotation-too-many = A meeting can have at most { $max } service roles.
rotation-added = Added the service role { $name }. Members can volunteer with { $volunteer }.
rotation-removed = Removed the service role { $name } and its rotation.
rotation-already-volunteer = You are already on the { $role } rotation.
rotation-volunteered = Thank you! You are on the { $role } rotation ({ $count ->
    [one] 1 volunteer
   *[other] { $count } volunteers
}).
rotation-not-volunteer = You are not on the { $role } rotation.
# $today is yes when the member was serving in today's session.
rotation-left = { $today ->
    [yes] You have stepped down as today's { $role } and left its rotation. Thank you for serving.
   *[no] You have left the { $role } rotation. Thank you for serving.
}
rotation-none = There are no service roles yet. An admin can add one with { $add }.
rotation-list-heading = Service roles:
rotation-no-volunteers = no volunteers yet
# $who is a member's name.
rotation-list-today = today: { $who }
rotation-list-next = next: { $who }
rotation-swapped-today = Today's { $role } is now { $who }.
rotation-swapped-next = At the next session, { $role } will be { $who }.
rotation-nobody = No service role has volunteers yet. Members can volunteer with { $volunteer }.
rotation-rotated = Rotated. Serving next time: { $serving }.
