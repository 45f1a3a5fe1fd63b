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
        N_("You have voted on this motion: your receipt is below."),
        N_(
            "Recorded as entry {sequence}, hash {hash}. Its inclusion proof is ready once a "
            "checkpoint covers it (see your votes below)."
        ),
        N_("Your votes"),
        N_("entry"),
        N_("hash"),
        N_("inclusion proof"),
        N_("download, for isonomia-verify"),
        N_("not yet: no checkpoint covers this entry"),
        N_("For {member} you voted: {vote} (entry {sequence})."),
        N_(
            "Recorded as entry {sequence}, hash {hash}. A checkpoint covers it within "
            "{seconds} seconds: then check its inclusion proof under your votes below."
        ),
        N_("one will within {seconds} seconds"),
        N_("Check it in this browser"),
        N_("Check a vote's inclusion proof"),
        N_(
            "The check runs in this browser: the entry's bytes must hash to the receipt's "
            "hash, the proof must lead from the entry to the checkpoint's root, and the "
            "checkpoint must be signed by the log key below and co-signed by as many of the "
            "members' witness keys below as you require. Compare the keys with what "
            "`isonomia ledger verifier-keys` prints on a copy of the record you trust."
        ),
        N_("Log key"),
        N_("none in force"),
        N_("Members' witness keys"),
        N_("Cosignatures required"),
        N_("The same check offline, with the files it used:"),
        N_("Checking…"),
        N_(
            "Verified: entry {sequence} is in the log's checkpoint of {size} entries, signed "
            "by the log key {key}; co-signed by {count} of the members' witnesses ({required} "
            "required)."
        ),
        N_("Does not verify: {reason}."),
        N_("the proof or the entry could not be fetched"),
        N_("the proof is malformed"),
        N_("the entry's bytes do not hash to the receipt's hash"),
        N_("the entry does not record this vote"),
        N_("the proof is for another entry"),
        N_("the checkpoint is not signed by the pinned log key"),
        N_("a signature by a pinned key does not verify"),
        N_("co-signed by {count} of the pinned witnesses; at least {required} required"),
        N_("the inclusion proof does not lead to the checkpoint's root"),
        N_("this browser cannot check Ed25519 signatures"),
        N_(
            "This page is not in a secure context (it came over plain HTTP, on a name other "
            "than localhost): the browser gives it no WebCrypto, so it can neither make this "
            "device's key nor sign. Open the site over HTTPS."
        ),
        N_("Not possible this way"),
        N_("The service failed"),
        N_("Register a key"),
        N_("Your account registers no one's key."),
        N_(
            "A delegate makes a key on its own device (the device key page shows its public key "
            "and key id) and hands you the public key. Paste it here, check that the key id "
            "below is the one the delegate's device shows, and sign the registration with your "
            "own device's key."
        ),
        N_("Whose key"),
        N_("Sign and register the key"),
        N_("Who can sign in"),
        N_("No account exists yet. The administrator's is added on the server:"),
        N_("No account is needed to read: every published page is open to all."),
        N_(
            "Accounts are given by the union's administrator, one role each: delegate, council "
            "secretary, executive (a congress, an organ, the secretariat), inspector, or public "
            "reader."
        ),
        N_(
            "Whoever signs acts (votes, decisions, registrations) signs them on this device with a "
            "key that never leaves it: make it on the device key page, have it registered by the "
            "body that answers for you (a delegate's by its member's council, a council's by its "
            "congress), then prove it on the same page."
        ),
        N_(
            "A council registers its delegates' keys on the page for registering keys; a council's "
            "own key is registered by its member's congress."
        ),
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
        N_("recorded"),
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
        N_("acts for no principal yet"),
        N_("This account acts for {principal}, proved by key {key_id}."),
        N_(
            "This account acts for no principal yet. Once this device's key is registered, "
            "prove it here: the account then acts for the key's principal."
        ),
        N_("Prove this device's key for this account"),
        N_("Prove your device's key on the device key page first."),
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
        N_(
            "The member leaves the union {days} days after its congress decides to secede: "
            "the charter's notice period. No organ of the union can block it, add conditions "
            "or delay it."
        ),
        N_(
            "Recorded as entry {sequence}: the member leaves the union at the end of the "
            "charter's notice period, {days} days after the decision."
        ),
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
        N_("Not allowed"),
        N_("Not found"),
        N_("Not possible"),
        N_("Back to the union"),
        N_("Cases"),
        N_(
            "A case is seen whole only by its commission, its parties, its defender and the "
            "inspection; anyone else sees its number and status."
        ),
        N_("case"),
        N_("kind"),
        N_("opened on"),
        N_("round"),
        N_("commission"),
        N_("sealed"),
        N_("No cases."),
        N_("Case {case}"),
        N_("Complaint"),
        N_("Complainant"),
        N_("Accused"),
        N_("Witnesses"),
        N_("Defender"),
        N_("none named yet"),
        N_("Commission"),
        N_("drawn with the seed"),
        N_("Not drawn yet."),
        N_("Recused"),
        N_("person"),
        N_("reason"),
        N_("Nobody was recused."),
        N_("Evidence"),
        N_("file"),
        N_("size"),
        N_("added by"),
        N_("added on"),
        N_("No evidence."),
        N_("Those who connived"),
        N_("named by"),
        N_("named on"),
        N_("No conniver is named."),
        N_("Findings, round by round"),
        N_("Round {round}"),
        N_("findings"),
        N_("proposed by"),
        N_("sanction"),
        N_("signed by"),
        N_("final on"),
        N_("earlier findings"),
        N_("not final"),
        N_("No findings in this round."),
        N_("There is no case {case}."),
        N_(
            "Case {case} is seen only by its commission, its parties, its defender and the "
            "inspection."
        ),
        # The official journal (`journal.html`).
        N_("Official journal"),
        N_(
            "Every published act, circulated draft, election result, sanction and amendment, "
            "in numbered issues; each item cites its ledger entry."
        ),
        N_("Feeds for {member}:"),
        N_("No. {number}, {day}"),
        N_("no."),
        N_("what"),
        N_("title"),
        N_("not yet certified"),
        N_("entry"),
        N_("the journal has no issue for that"),
        N_("By field:"),
        N_("every field"),
        N_("Each member's share, and what it has paid"),
        N_("Each member's share (light) and what it has paid (dark), in {currency}."),
        # A member's deadlines (`member.html`).
        N_("Deadlines"),
        N_("due on"),
        N_("days left"),
        N_("subject"),
        N_("nothing runs out"),
        # The budget (`budget.html`).
        N_("Budget"),
        N_("Motion"),
        N_("No budget has been proposed."),
        N_("account"),
        N_("adopted on"),
        N_("amount"),
        N_("charged"),
        N_("day"),
        N_("equalisation"),
        N_("line"),
        N_("owed"),
        N_("paid"),
        N_("received"),
        N_("remaining"),
        N_("share"),
        N_("spent"),
    }
)
