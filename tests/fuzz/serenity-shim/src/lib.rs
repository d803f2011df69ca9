//! A stand-in for the two serenity names `discord-adapter/src/render.rs` uses
//! (`serenity::all::{CreateAllowedMentions, UserId}`), so the fuzz crate compiles the real
//! renderer source without building serenity. The builder records what it is told, so the
//! harness can check that `allowed_mentions` lists exactly the users of a piece.

pub mod all {
    /// A Discord user id.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct UserId(u64);

    impl UserId {
        pub fn new(id: u64) -> Self {
            UserId(id)
        }
        pub fn get(self) -> u64 {
            self.0
        }
    }

    /// What serenity's builder would send: parse nothing, only these users, no replied user
    /// unless told. Only the methods the renderer calls exist: if it ever calls `everyone`,
    /// `all_users`, `all_roles` or `roles`, this crate stops compiling and the harness must
    /// learn what that means.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct CreateAllowedMentions {
        pub users: Vec<u64>,
        pub replied_user: bool,
    }

    impl CreateAllowedMentions {
        pub fn new() -> Self {
            Self::default()
        }
        pub fn users(mut self, users: impl IntoIterator<Item = impl Into<UserId>>) -> Self {
            self.users = users.into_iter().map(|u| u.into().get()).collect();
            self
        }
        pub fn replied_user(mut self, on: bool) -> Self {
            self.replied_user = on;
            self
        }
    }
}
