package org.muster.domain.command;

public enum WithdrawalMode {
    /** The person steps back from duty altogether. */
    PERSON,
    /** The person stays on duty but may not use the selected skill: an authorisation handed in. */
    SKILL
}
