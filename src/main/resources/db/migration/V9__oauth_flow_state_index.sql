-- A late social sign-in callback is matched to its flow by the state's hash when the browser's cookie no longer
-- names the flow, to tell an expired flow from a forged one. Expired flows are now kept for a day.
CREATE INDEX oauth_flows_state_idx ON oauth_flows (state_hash);
