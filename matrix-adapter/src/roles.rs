//! Who someone is in a room, for the core: member ids, display names and the role that the
//! room's power levels give (admin and host thresholds from the configuration).

use bot_core::domain::{Actor, Member, Role};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::UserId;
use matrix_sdk::Room;

/// The role a power level gives. Room creators (room version 12) have infinite power: admin.
pub fn role_for(level: UserPowerLevel, admin_level: i64, host_level: i64) -> Role {
    match level {
        UserPowerLevel::Infinite => Role::Admin,
        UserPowerLevel::Int(n) => {
            let n = i64::from(n);
            if n >= admin_level {
                Role::Admin
            } else if n >= host_level {
                Role::Host
            } else {
                Role::Member
            }
        }
        // A kind of power unknown to this version: no more than a member.
        _ => Role::Member,
    }
}

/// `matrix:@user:server`
pub fn member_id(user: &UserId) -> String {
    format!("matrix:{user}")
}

/// `matrix:!room[:server]`
pub fn place_id(room: &matrix_sdk::ruma::RoomId) -> bot_core::domain::PlaceId {
    bot_core::domain::PlaceId::new(format!("matrix:{room}"))
}

/// The actor for `user` in `room`: display name (or localpart) and the role its power level gives
/// now. Power levels are read from the synced room state, so a change applies to the next command.
pub async fn actor(room: &Room, user: &UserId, admin_level: i64, host_level: i64) -> Actor {
    // Two reads of the synced state, at once.
    let (member, levels) = tokio::join!(room.get_member_no_sync(user), room.power_levels());
    let member = match member {
        Ok(Some(m)) => Some(m),
        _ => room.get_member(user).await.ok().flatten(),
    };
    let name = member
        .as_ref()
        .and_then(|m| m.display_name().map(str::to_owned))
        .unwrap_or_else(|| user.localpart().to_owned());
    let level = match levels {
        Ok(pl) => pl.for_user(user),
        Err(_) => UserPowerLevel::Int(0u32.into()),
    };
    Actor {
        member: Member::new(member_id(user), &name),
        role: role_for(level, admin_level, host_level),
        // Matrix roles are power levels, not names: the role above is all the room says.
        platform_roles: Vec::new(),
        locale: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_decide() {
        let int = |n: u32| UserPowerLevel::Int(n.into());
        assert_eq!(role_for(int(0), 100, 50), Role::Member);
        assert_eq!(role_for(int(49), 100, 50), Role::Member);
        assert_eq!(role_for(int(50), 100, 50), Role::Host);
        assert_eq!(role_for(int(99), 100, 50), Role::Host);
        assert_eq!(role_for(int(100), 100, 50), Role::Admin);
        assert_eq!(role_for(int(10), 20, 10), Role::Host);
        assert_eq!(role_for(UserPowerLevel::Infinite, 100, 50), Role::Admin);
        let neg = UserPowerLevel::Int((-5i32).into());
        assert_eq!(role_for(neg, 100, 50), Role::Member);
    }
}
