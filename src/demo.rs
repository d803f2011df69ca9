//! The built-in demo: a scripted meeting on a virtual clock, for someone with no Discord or
//! Matrix account yet.

/// A meeting walked through a format: the agenda, check-ins, a share round that divides the time
/// until the closing (warnings, a pass that gives the others more time, an extend) and the
/// closing.
pub const DEMO_SCRIPT: &str = "\
# Ada, an admin, gives the meeting a format; Robin chairs; four members come.
# Lines without `!` are conversation: the bot ignores them.
#role Ada admin
#role Robin host
Ada: !format use open-circle
Robin: !open Tuesday evening circle
Ana: !checkin hopeful
Ben: !checkin tired
Chidi: !checkin listen
Dee: !checkin grateful
Robin: Welcome, everyone. We end at twenty past seven tonight.
Robin: !agenda end 19:20
Robin: !agenda next
Robin: !agenda next
# Ben would rather not share today; only \"passed\" is ever said about it, and the others get
# his time.
Ben: !pass
+4m
+1m
+10s
Robin: !extend 1m
+3m
Dee: !done
Ana: !crisis
+2m
";

/// Runs the demo and returns its transcript.
pub async fn run(json: bool) -> String {
    crate::console::run_script(DEMO_SCRIPT, json).await
}
