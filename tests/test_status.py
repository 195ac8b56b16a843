"""The status rule on sentences in ITU's style (written for these tests), each with the status
a careful reader gives it: negatives that do not negate, negatives that do without "not",
information not available in the claim and outside it, plans, and claims with clauses."""

from __future__ import annotations

import pytest

from cwprofile.importer.status import RULES, decide

YES, NO, UNKNOWN = True, False, None

SENTENCES = [
    # Negatives that do not negate.
    ("There is no doubt that Chad has an officially recognized national CIRT.", YES),
    ("There is no doubt that Chad does not have a national CIRT.", NO),
    ("No fewer than 40 public sector professionals are certified in cybersecurity.", YES),
    ("No later than 2012, Mali adopted its national cybersecurity strategy.", YES),
    ("Peru has not only a national CIRT but also several sectoral teams.", YES),
    ("Ghana not only enacted a cybercrime law but also ratified the Budapest Convention.", YES),
    ("None of the incidents reported in 2013 went unresolved by the national CIRT.", YES),
    ("None of the reported incidents went unreported to the national CIRT.", YES),
    ("Kenya has no shortage of certified cybersecurity professionals.", YES),
    ("Oman has no lack of partnerships with regional CIRTs.", YES),
    ("The Ministry is not the only agency that handles cybersecurity in Fiji.", YES),
    ("Estonia was not slow to establish its national CIRT.", YES),
    ("The national CIRT is not without resources: it employs 30 analysts.", YES),
    ("Norway is not unaware of the need and has adopted a national strategy.", YES),
    ("Without doubt, Korea has the most active national CIRT in the region.", YES),
    ("No doubt, Japan participates in many international cybersecurity activities.", YES),
    # Negatives without "not".
    ("Nauru has never established a national CIRT.", NO),
    ("Tonga has yet to adopt a national cybersecurity strategy.", NO),
    ("The national strategy is yet to be adopted.", NO),
    ("Tuvalu is without any officially recognized cybersecurity framework.", NO),
    ("Nothing indicates that Palau has a national cybersecurity strategy.", NO),
    ("No national cybersecurity strategy exists in Kiribati.", NO),
    ("No officially recognized agency exists for cybersecurity.", NO),
    ("No framework for the certification of professionals is in place.", NO),
    ("There is no national CIRT in Comoros.", NO),
    ("There are currently no officially recognized partnerships.", NO),
    ("Niger lacks an officially recognized national cybersecurity strategy.", NO),
    ("Chad reported that it does not have a national CIRT.", NO),
    ("Samoa has no officially recognized national benchmarking.", NO),
    ("Neither a strategy nor a roadmap has been adopted by Eritrea.", NO),
    ("Somalia doesn't have an officially recognized national CIRT.", NO),
    ("Liberia has not officially recognized any national cybersecurity strategy.", NO),
    ("Haiti does not have any officially recognized national or sector-specific programs.", NO),
    ("The cybercrime bill has not been enacted.", NO),
    ("An officially recognized national governance roadmap is not in place.", NO),
    # Plans.
    ("Gambia will establish a national CIRT by 2016.", NO),
    ("United Kingdom will be establishing a national CIRT by end of 2014.", NO),
    ("A national cybersecurity strategy is being drafted by the Ministry.", NO),
    ("Mongolia plans to establish a national CIRT.", NO),
    ("The cybercrime bill is under consideration by Parliament.", NO),
    ("Zambia is in the process of establishing a national CIRT.", NO),
    ("Laos intends to adopt a national strategy in 2015.", NO),
    ("A draft cybersecurity law has been prepared.", NO),
    # Information not available: in the claim, and not in what follows it.
    ("Information on the national benchmarking is not available.", UNKNOWN),
    ("There is no available information on professional certification.", UNKNOWN),
    ("The number of certified professionals is not known.", UNKNOWN),
    ("No data on certified agencies is available.", UNKNOWN),
    ("Mali has a national CIRT; data on incidents is not available.", YES),
    (
        "Benin has an officially recognized national CIRT; information on its staff is not known.",
        YES,
    ),
    ("Chad has adopted a strategy, but data on its progress is not available.", YES),
    # Claims with clauses.
    ("Cambodia has an officially recognized national CIRT (CamCERT).", YES),
    ("Cambodia has a strategy that is not yet fully implemented.", YES),
    ("Although Ghana does not have a strategy, the Ministry has adopted a policy.", YES),
    ("Fiji has a national CIRT, which will be expanded in 2016.", YES),
    ("Fiji has a national CIRT, but it is not yet fully operational.", YES),
    ("Malta has a national strategy, whose review is not yet complete.", YES),
    ("Peru does not have any agency that is responsible for benchmarking.", NO),
    ("The CIRT that Chad plans to establish will serve the public sector.", NO),
    ("Benin has professionals who are not yet certified and others who are.", YES),
    ("While no law exists on data protection, Togo has enacted a cybercrime law.", YES),
    # What exists, in many verbs.
    ("Specific legislation on cybercrime has been enacted through the following instruments:", YES),
    (
        "Specific legislation pertaining to cybercrime is mandated through the following legal instrument:",
        YES,
    ),
    ("The Office of Cybersecurity (OCSIA) is the officially recognized agency.", YES),
    ("OCSIA is responsible for the benchmarking of the National Cyber Security Programme.", YES),
    ("Getsafeonline is a national program aimed at the general public.", YES),
    ("Malaysia participates in the ITU-IMPACT initiative.", YES),
    ("CyberSecurity Malaysia conducts an annual cyber drill.", YES),
    ("The national strategy contains a governance roadmap.", YES),
    ("Kenya has signed and ratified the African Union Convention.", YES),
    ("Rwanda has acceded, with no declarations or reservations, to the Convention.", YES),
    ("Computer incidents can be reported to the national CIRT.", YES),
    ("The Child Helpline provides information on online safety for children.", YES),
    (
        "United Kingdom has numerous public sector professionals certified under recognized programs.",
        YES,
    ),
    (
        "United Kingdom’s National Technical Authority (CESG) is the only public agency certified.",
        YES,
    ),
    ("Jordan hosts the regional cybersecurity centre for the Arab region.", YES),
    ("Qatar operates a national CIRT, Q-CERT.", YES),
    ("The Ministry runs awareness campaigns in schools every year.", YES),
    ("Nigeria organizes an annual national cybersecurity conference.", YES),
    ("Egypt maintains a national CIRT within the NTRA.", YES),
    ("The national CIRT is a member of FIRST.", YES),
    ("Georgia launched its national cybersecurity strategy in 2012.", YES),
    ("Brazil created a national CIRT in 1997.", YES),
    ("The national cybersecurity strategy was published in 2011.", YES),
    ("Austria completed its first national cyber exercise in 2012.", YES),
    ("Serbia joined the FIRST community in 2013.", YES),
    ("The government published ten steps to cyber security for the private sector.", YES),
    ("There is a certification scheme run by the ISSP.", YES),
    ("There are 12 certified public agencies.", YES),
    ("Mauritius is not only a member of FIRST but also of the APCERT.", YES),
    ("The strategy was adopted in 2013 and is reviewed every year.", YES),
    # A second set, read after the first was passing.
    ("There can be no doubt that Rwanda leads the region in cybersecurity capacity.", YES),
    ("No less than five agencies share information on threats.", YES),
    ("Armenia has yet to designate a responsible agency.", NO),
    ("Bhutan has never conducted a national benchmarking exercise.", NO),
    ("Nothing suggests that Yemen has a national CIRT.", NO),
    ("Not a single professional has been certified.", NO),
    ("Zimbabwe does not currently have an officially recognized CIRT.", NO),
    ("The national CIRT has been operational since 2009.", YES),
    ("Data on the number of certified professionals is not available.", UNKNOWN),
    ("It is not known whether Iraq has a national roadmap.", UNKNOWN),
    ("Lesotho is currently developing a national cybersecurity strategy.", NO),
    ("The Cybercrime Act of 2015 is awaiting approval by Parliament.", NO),
    ("Uganda has an officially recognized national CIRT; its budget is not public.", YES),
    ("Seychelles has no officially recognized benchmarking, although a review is planned.", NO),
    ("Belize participates in the OAS cybersecurity programme.", YES),
    ("The Authority is not slow to respond to incidents and has a 24/7 team.", YES),
    ("Bolivia has not yet enacted a cybercrime law.", NO),
    ("There is no officially approved framework for certification.", NO),
    ("Panama has an officially recognized national CIRT which does not yet have a website.", YES),
    ("Cuba is without a national cybersecurity strategy.", NO),
    ("The Ministry of ICT, not the police, is responsible for the strategy.", YES),
    ("None of the agencies is certified under internationally recognized standards.", NO),
    ("Malawi has a national cybersecurity strategy that no other agency has endorsed.", YES),
    ("Guyana signed the Budapest Convention in 2014.", YES),
    ("The national strategy remains to be adopted.", NO),
    ("No formal national cybersecurity framework has been adopted.", NO),
    ("Sudan has established a national CIRT with no fewer than 10 staff.", YES),
    ("Information on the national governance roadmap is not yet available.", UNKNOWN),
    ("Ecuador does have a national CIRT.", YES),
    ("Kuwait has a national CIRT, yet it is not officially recognized.", YES),
]


@pytest.mark.parametrize(("sentence", "status"), SENTENCES)
def test_a_sentence_reads_as_a_careful_reader_reads_it(sentence, status):
    assert decide(sentence).status is status


def test_the_table_holds_eighty_sentences_and_each_status():
    assert len(SENTENCES) >= 80
    assert {status for _, status in SENTENCES} == {YES, NO, UNKNOWN}


def test_the_rules_are_one_table_that_explain_names():
    assert [rule.name for rule in RULES] == [
        "a negative that does not negate",
        "information not available",
        "negative sentence",
        "plan for the future",
    ]
    assert decide("Nauru has never established a national CIRT.").rule == (
        "negative sentence: 'never'"
    )
    assert decide("No fewer than 40 professionals are certified.").rule == (
        "states what exists ('No fewer than' does not negate)"
    )
    assert decide("Mali has a national CIRT; data on incidents is not available.").rule == (
        "states what exists ('is not' is in a relative or subordinate clause)"
    )
