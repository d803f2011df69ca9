//! The built-in demo: a scripted meeting on a virtual clock, for someone with no Discord or
//! Matrix account yet.

/// Check-ins, hands, a full timed round with warnings, a pass, an extend, and closing.
pub const DEMO_SCRIPT: &str = "\
# Robin hosts; four members join. Lines without `!` are conversation: the bot ignores them.
#role Robin host
Robin: !open Tuesday evening circle
Ana: !checkin hopeful
Ben: !checkin tired
Chidi: !checkin listen
Dee: !checkin grateful
Robin: Welcome, everyone. Let's start with a round of shares.
Robin: !round start 2m
# Ben would rather not share today; only \"passed\" is ever said about it.
Ben: !pass
+1m
+30s
+30s
+10s
+1m
Robin: !extend 1m
+1m30s
Dee: !done
# Open sharing from raised hands: fairness puts those who have not shared first.
Ana: !hand
Ben: !hand
Robin: !queue
Robin: !next
Ana: !crisis
Robin: !close
";

/// Runs the demo and returns its transcript.
pub async fn run(json: bool) -> String {
    crate::console::run_script(DEMO_SCRIPT, json).await
}
