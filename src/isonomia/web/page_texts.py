"""The texts of the HTML pages, marked for the message catalogs (P14).

The templates call `_("…")` with these very texts; the catalogs' extraction reads Python
only, so each is listed here (a test checks that every text a template uses is).
"""

from __future__ import annotations

__all__ = ["N_", "TEXTS"]


def N_(msgid: str) -> str:
    """Mark a text for the catalogs; it is translated when a page is drawn."""
    return msgid


TEXTS: frozenset[str] = frozenset(
    {
        N_("stage"),
        N_("In force in each member"),
        N_("member"),
        N_("in force"),
        N_("awaiting versions in"),
        N_("status"),
        N_("yes"),
        N_("no"),
        N_("Language versions"),
        N_("certified on {day}"),
        N_("not certified"),
        N_("No language versions yet."),
        N_("Votes"),
        N_("item"),
        N_("delegate"),
        N_("vote"),
        N_("No votes cast."),
        N_("History"),
        N_("Appeals"),
        N_("appeal"),
        N_("act"),
        N_("filed on"),
        N_("ground"),
        N_("ruling"),
        N_("pending"),
        N_("suspends the act"),
        N_("No appeals."),
        N_("File an appeal"),
        N_("Appeal id"),
        N_("Act appealed"),
        N_("For member"),
        N_("Ground"),
        N_("Sign and file"),
        N_("Sign in to file an appeal."),
        N_("Power audit"),
        N_("Sound: no rule breaches a safeguard."),
        N_("A rule breaches a safeguard."),
        N_("population share"),
        N_("Banzhaf power"),
        N_("Shapley–Shubik power"),
        N_("This device has no key yet: make one on the device key page."),
        N_("Union"),
        N_("Vote"),
        N_("Ledger"),
        N_("Device key"),
        N_("Sign out"),
        N_("Sign in"),
        N_("Ledger entries"),
        N_("As of {day}"),
        N_("Sign in first."),
        N_(
            "Commands you issue from these pages are signed on this device with a key that "
            "never leaves it. Hand its public key to your member's council, which registers "
            "it like any other key."
        ),
        N_("Make this device's key"),
        N_("Public key"),
        N_("Key id"),
        N_("Entries"),
        N_("Latest checkpoint"),
        N_("Size"),
        N_("Root"),
        N_("Made at"),
        N_("Co-signed by"),
        N_("nobody yet"),
        N_("No checkpoint yet."),
        N_("Verify the ledger"),
        N_("The ledger verifies."),
        N_("The ledger does not verify."),
        N_("Account"),
        N_("Password"),
        N_("population"),
        N_("languages"),
        N_("joined"),
        N_("leaves"),
        N_("Delegates"),
        N_("No delegates sit for this member."),
        N_("The member's own record"),
        N_("Download the member's export"),
        N_("Record the congress's decision to secede"),
        N_("Decided on"),
        N_("Sign and record"),
        N_("Presidency"),
        N_("Presides now"),
        N_("Presides next"),
        N_("acting"),
        N_("Nobody presides on this day."),
        N_("Members"),
        N_("No members on this day."),
        N_("Session calendar"),
        N_("session"),
        N_("organ"),
        N_("held on"),
        N_("presided by"),
        N_("No sessions convened."),
        N_("Sign in as a delegate to vote."),
        N_("You sit for no member in any organ on this day."),
        N_("You sit for:"),
        N_("Your vote"),
        N_("abstain"),
        N_("Sign and cast the vote"),
        N_("No motion is open to your vote."),
        N_("wrong name or password"),
    }
)
