//! Who an interaction's member is to the core: admin (Manage Server, or a role named like the
//! configured admin role), host (a role named like the place's host role, set by admins) or
//! member. Role names come from the guild cache (GUILD_CREATE, GUILDS intent), with one REST
//! lookup when the guild is not cached yet.

use bot_core::domain::Role;
use serenity::all::{Cache, GuildId, Http, Member, Permissions, RoleId};

/// Role names compare case-insensitively, ignoring surrounding space and a leading `@`.
pub fn same_role_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_start_matches('@').trim().to_lowercase();
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// Whether the interaction's permissions make the member an admin by themselves.
pub fn manages_guild(perms: Option<Permissions>) -> bool {
    perms.is_some_and(|p| p.contains(Permissions::MANAGE_GUILD) || p.administrator())
}

/// The names of the member's roles.
pub async fn role_names(
    cache: &Cache,
    http: &Http,
    guild: GuildId,
    roles: &[RoleId],
) -> Vec<String> {
    if roles.is_empty() {
        return Vec::new();
    }
    let cached: Option<Vec<String>> = cache.guild(guild).map(|g| {
        roles
            .iter()
            .filter_map(|r| g.roles.get(r).map(|role| role.name.clone()))
            .collect()
    });
    if let Some(names) = cached {
        return names;
    }
    match http.get_guild_roles(guild).await {
        Ok(all) => all
            .into_iter()
            .filter(|r| roles.contains(&r.id))
            .map(|r| r.name)
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "could not read the guild's roles; treating the member as a member");
            Vec::new()
        }
    }
}

/// The core role of an interaction's member.
pub fn decide(
    perms: Option<Permissions>,
    names: &[String],
    admin_role: Option<&str>,
    host_role: Option<&str>,
) -> Role {
    let has =
        |wanted: Option<&str>| wanted.is_some_and(|w| names.iter().any(|n| same_role_name(n, w)));
    if manages_guild(perms) || has(admin_role) {
        Role::Admin
    } else if has(host_role) {
        Role::Host
    } else {
        Role::Member
    }
}

/// The member's role ids (none outside a guild).
pub fn member_roles(member: Option<&Member>) -> Vec<RoleId> {
    member.map(|m| m.roles.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_permission_and_name() {
        let names = vec!["Facilitators".to_string(), "Stewards".to_string()];
        assert_eq!(
            decide(Some(Permissions::MANAGE_GUILD), &[], None, None),
            Role::Admin
        );
        assert_eq!(
            decide(Some(Permissions::empty()), &names, Some("@stewards"), None),
            Role::Admin
        );
        assert_eq!(
            decide(None, &names, Some("admins"), Some(" facilitators ")),
            Role::Host
        );
        assert_eq!(decide(None, &names, None, None), Role::Member);
        assert_eq!(decide(None, &[], None, Some("")), Role::Member);
    }
}
