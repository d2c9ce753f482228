-- The stop rules read a thread's follow-ups by their tracked-email token (a reply to a follow-up
-- stops its enrolment), and the claim resumes the out-of-office pauses that ended.
CREATE INDEX campaign_sends_by_email ON campaign_sends(email_token);
CREATE INDEX campaign_enrolments_pause_end ON campaign_enrolments(paused_until) WHERE state = 'paused';
