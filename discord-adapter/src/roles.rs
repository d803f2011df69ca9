//! What Discord says about an interaction's member, for the core to decide their role: whether
//! Manage Server (or Administrator) makes them an admin, and the names of their roles (which the
//! core matches against the place's host role and the configured admin role). Role names come
//! from the guild cache (GUILD_CREATE, GUILDS intent), with one REST lookup when the guild is
//! not cached yet.

use serenity::all::{Cache, GuildId, Http, Member, Permissions, RoleId};

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

/// The member's role ids (none outside a guild).
pub fn member_roles(member: Option<&Member>) -> Vec<RoleId> {
    member.map(|m| m.roles.clone()).unwrap_or_default()
}
