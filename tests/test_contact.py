"""The contact for computer incidents, read from reporting-mechanism paragraphs written in the
styles of ITU's profiles (written for these tests, not copied from ITU): the body named as
subject or object, before or after the channel, in the sentence before or after, by acronym
only; several bodies in one paragraph; details in the sentences that follow; and paragraphs
that name no incident contact at all. Each row is what a careful reader takes from it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cwprofile.addresses import IS_EMAIL, IS_URL, continues, find_email, find_web
from cwprofile.importer.contact import contact_of, read_contact

from .conftest import SOURCE_TEXT

N = None


@pytest.fixture
def source() -> str:
    return SOURCE_TEXT.read_text(encoding="utf-8")


PARAGRAPHS = [
    # The United Kingdom's own sentence: the method before the body.
    (
        "Inappropriate and offensive content can be reported in the website of CEOP. Online "
        "Criminal Content can be reported in the website of the Internet Watch Foundation. "
        "Computer Incidents can be reported by a filling a form found in the website of the UK "
        "Computer Emergency Response Team (GovCertUK) or by the phone number 01242 709311.",
        ("UK Computer Emergency Response Team (GovCertUK)", "01242 709311", N, N),
    ),
    (
        "Computer incidents can be reported by sending an e-mail to the Sri Lanka CERT "
        "(SLCERT) at report@slcert.gov.lk.",
        ("Sri Lanka CERT (SLCERT)", N, "report@slcert.gov.lk", N),
    ),
    # The body as the sentence's subject.
    (
        "Q-CERT handles computer incidents reported by government and private organisations. "
        "It can be reached on +974 4493 3408.",
        ("Q-CERT", "+974 4493 3408", N, N),
    ),
    (
        "CERT.br is responsible for handling computer security incidents involving networks "
        "connected to the Internet in Brazil: cert@cert.br.",
        ("CERT.br", N, "cert@cert.br", N),
    ),
    (
        "CERT Polska accepts reports of cyber incidents through its website "
        "https://incydent.cert.pl.",
        ("CERT Polska", N, N, "https://incydent.cert.pl"),
    ),
    (
        "The National Cyber Security Centre handles cyber incidents affecting the country. "
        "Incidents can be reported on its website at https://report.ncsc.example.",
        ("National Cyber Security Centre", N, N, "https://report.ncsc.example"),
    ),
    # Other verbs.
    (
        "Computer incidents are handled by the Computer Emergency Response Team of Mauritius "
        "(CERT-MU), which can be contacted on the hotline 800 2378.",
        ("Computer Emergency Response Team of Mauritius (CERT-MU)", "800 2378", N, N),
    ),
    (
        "To report a cyber incident, contact the National Computer Emergency Response Team "
        "(ngCERT) by email at incident@cert.gov.ng.",
        ("National Computer Emergency Response Team (ngCERT)", N, "incident@cert.gov.ng", N),
    ),
    (
        "Users can report computer incidents to CERT-In by email to incident@cert-in.org.in or "
        "on the toll free number 1800-11-4949.",
        ("CERT-In", "1800-11-4949", "incident@cert-in.org.in", N),
    ),
    (
        "Contact KrCERT/CC to report a cyber incident: dial the hotline 118.",
        ("KrCERT/CC", "118", N, N),
    ),
    # The body named in the sentence before, the report in the next one.
    (
        "The Cyber Incident Response Unit of the Ministry of ICT is the national point of "
        "contact. Cyber incidents can be reported to it by email to ciru@ict.gov.example.",
        ("Cyber Incident Response Unit of the Ministry of ICT", N, "ciru@ict.gov.example", N),
    ),
    (
        "Computer incidents can be reported by email to cert@govcert.example. The e-mail box is "
        "monitored by GovCERT.ch, the Swiss government's team.",
        ("GovCERT.ch", N, "cert@govcert.example", N),
    ),
    # The channel first, the body after it.
    (
        "Cyber incidents can be reported by phone on 0800 123 456 to the National Cyber "
        "Security Centre.",
        ("National Cyber Security Centre", "0800 123 456", N, N),
    ),
    (
        "Computer incidents can be reported through the online form at "
        "https://www.csirt.gob.example/reporte to CSIRT-Gob.",
        ("CSIRT-Gob", N, N, "https://www.csirt.gob.example/reporte"),
    ),
    # Channel words next to the name.
    (
        "Computer incidents can be reported through Q-CERT's online reporting form at "
        "https://www.qcert.example/report.",
        ("Q-CERT", N, N, "https://www.qcert.example/report"),
    ),
    (
        "Computer incidents can be reported through MyCERT's website at http://www.mycert.org.my, "
        "by phone at +603 8992 6969, or by email to cyber999@cybersecurity.my.",
        ("MyCERT", "+603 8992 6969", "cyber999@cybersecurity.my", "http://www.mycert.org.my"),
    ),
    (
        "Computer incidents can be reported via https://www.govcert.example/incident or via the "
        "hotline of GovCERT on +41 58 460 00 00.",
        ("GovCERT", "+41 58 460 00 00", N, "https://www.govcert.example/incident"),
    ),
    # A generic "national CERT" where the paragraph gives the team's name.
    (
        "Computer incidents can be reported to the national CERT (KH-CERT) by phone on "
        "+855 23 880 920.",
        ("KH-CERT", "+855 23 880 920", N, N),
    ),
    (
        "Computer incidents can be reported to the national CERT. The national CERT, "
        "LankaCERT, can be reached at info@lankacert.example.",
        ("LankaCERT", N, "info@lankacert.example", N),
    ),
    # Bodies named only by acronym.
    (
        "Computer incidents can be reported to MELANI at https://www.melani.admin.ch/form.",
        ("MELANI", N, N, "https://www.melani.admin.ch/form"),
    ),
    (
        "Cyber incidents can be reported to the NCSC through https://report.ncsc.gov.example.",
        ("NCSC", N, N, "https://report.ncsc.gov.example"),
    ),
    (
        "Cybersecurity incidents can be reported to ANSSI by email to cert-fr@ssi.gouv.fr.",
        ("ANSSI", N, "cert-fr@ssi.gouv.fr", N),
    ),
    # Several bodies in one paragraph: the one for computer incidents.
    (
        "Offensive content can be reported to the Ministry of Information on 023 724 159. "
        "Computer incidents can be reported to CamCERT on (855) 92 335 536 and by the email "
        "incident@camcert.gov.kh.",
        ("CamCERT", "(855) 92 335 536", "incident@camcert.gov.kh", N),
    ),
    (
        "Online child abuse can be reported to the Internet Hotline of APLE at "
        "http://www.aple.example or by email to hotline@aple.example. Cyber incidents can be "
        "reported to CamCERT on (855) 92 335 536 and by the email cert@camcert.example.",
        ("CamCERT", "(855) 92 335 536", "cert@camcert.example", N),
    ),
    (
        "Cybersecurity incidents can be reported to MyCERT via https://www.mycert.example. "
        "Illegal content can be reported to the Communications Commission on 1800 888 030.",
        ("MyCERT", N, N, "https://www.mycert.example"),
    ),
    (
        "Fraud can be reported to the Police Cyber Crime Unit on 999. Computer incidents can be "
        "reported to the Computer Incident Response Team of Ghana (CERT-GH) at "
        "report@cert-gh.example.",
        ("Computer Incident Response Team of Ghana (CERT-GH)", N, "report@cert-gh.example", N),
    ),
    (
        "Computer incidents can be reported to CERT-EE, while child sexual abuse material can be "
        "reported to the Police and Border Guard Board on 612 3000.",
        ("CERT-EE", N, N, N),
    ),
    (
        "Computer incidents can be reported to the CIRT of the Ministry. Its hotline is "
        "+855 23 880 920 and its email is cirt@mptc.example. Fraud can be reported to the police "
        "on 117 or by email to fraud@police.example.",
        ("CIRT of the Ministry", "+855 23 880 920", "cirt@mptc.example", N),
    ),
    # Details in the sentence after, however they are worded.
    (
        "Computer incidents can be reported to the Bangladesh Government CIRT (BGD e-GOV CIRT). "
        "Reports may be sent to report@cirt.gov.bd or made on the helpline 01730 328 888.",
        ("Bangladesh Government CIRT (BGD e-GOV CIRT)", "01730 328 888", "report@cirt.gov.bd", N),
    ),
    (
        "Cyber incidents can be reported to SingCERT. Report online at "
        "https://www.csa.gov.example/singcert/reporting or call 6323 5052.",
        ("SingCERT", "6323 5052", N, "https://www.csa.gov.example/singcert/reporting"),
    ),
    (
        "Security incidents can be reported to the Austrian CERT (CERT.at). Its address is "
        "reports@cert.at.",
        ("Austrian CERT (CERT.at)", N, "reports@cert.at", N),
    ),
    # Organisation names of every shape.
    (
        "Computer incidents can be reported via a form on the website of the Swiss Reporting "
        "and Analysis Centre for Information Assurance (MELANI) at https://www.melani.admin.ch/form.",
        (
            "Swiss Reporting and Analysis Centre for Information Assurance (MELANI)",
            N,
            N,
            "https://www.melani.admin.ch/form",
        ),
    ),
    (
        "Computer incidents can be reported via a form on the website of CyberSecurity Malaysia "
        "at https://www.mycert.org.my/report, by phone on 03 8992 6969 or by email to "
        "cyber999@cybersecurity.my.",
        (
            "CyberSecurity Malaysia",
            "03 8992 6969",
            "cyber999@cybersecurity.my",
            "https://www.mycert.org.my/report",
        ),
    ),
    (
        "Computer incidents can be reported to the Telecommunications Regulatory Authority "
        "(TRA) on 800 4030.",
        ("Telecommunications Regulatory Authority (TRA)", "800 4030", N, N),
    ),
    (
        "Computer incidents can be reported to the Agence Nationale de la Sécurité des Systèmes "
        "d'Information by email to cert@anssi.example.",
        (
            "Agence Nationale de la Sécurité des Systèmes d'Information",
            N,
            "cert@anssi.example",
            N,
        ),
    ),
    (
        "Computer incidents can be reported to the Ministry of Posts and Telecommunications at "
        "cirt@mpt.example.",
        ("Ministry of Posts and Telecommunications", N, "cirt@mpt.example", N),
    ),
    (
        "Computer incidents can be reported to the Information Technology Authority's "
        "OmanCERT by phone at +968 2416 6828.",
        ("OmanCERT", "+968 2416 6828", N, N),
    ),
    (
        "Computer incidents can be reported to the BruCERT at cert@brucert.org.bn.",
        ("BruCERT", N, "cert@brucert.org.bn", N),
    ),
    (
        "Computer incidents can be reported by a form of CERT.br at https://cert.br/report.",
        ("CERT.br", N, N, "https://cert.br/report"),
    ),
    (
        "Computer incidents can be reported on the website of GovCERT.ch: http://www.govcert.ch",
        ("GovCERT.ch", N, N, "http://www.govcert.ch"),
    ),
    (
        "Computer incidents can be reported via the hotline of the National CERT on "
        "1-300-88-2999 or through the email cert@example.gov.",
        ("National CERT", "1-300-88-2999", "cert@example.gov", N),
    ),
    (
        "Computer incidents can be reported to CERT-In by filling a form at "
        "https://www.cert-in.org.in/report or on +91 11 2436 8572.",
        ("CERT-In", "+91 11 2436 8572", N, "https://www.cert-in.org.in/report"),
    ),
    (
        "Computer incidents can be reported to ThaiCERT through the web form at "
        "https://www.thaicert.or.th/report and on the phone number 02 123 4567.",
        ("ThaiCERT", "02 123 4567", N, "https://www.thaicert.or.th/report"),
    ),
    (
        "Computer incidents can be reported to the Directorate of Cyber Security at "
        "www.dcs.gov.example or by email to incidents@dcs.gov.example.",
        (
            "Directorate of Cyber Security",
            N,
            "incidents@dcs.gov.example",
            "http://www.dcs.gov.example",
        ),
    ),
    (
        "Cyber incidents may be notified to the National Information Security Agency via its "
        "helpline 1313.",
        ("National Information Security Agency", "1313", N, N),
    ),
    (
        "In addition, computer incidents can be reported to the Kenya National CERT "
        "Coordination Centre (National KE-CIRT/CC) on +254 703 042 700.",
        (
            "Kenya National CERT Coordination Centre (National KE-CIRT/CC)",
            "+254 703 042 700",
            N,
            N,
        ),
    ),
    (
        "Computer incidents can be reported to CERT-RO, the Romanian national team, at "
        "alerts@cert.ro.",
        ("CERT-RO", N, "alerts@cert.ro", N),
    ),
    (
        "Citizens can report computer incidents to EG-CERT by email at incident@egcert.eg.",
        ("EG-CERT", N, "incident@egcert.eg", N),
    ),
    (
        "Victims of cyber attacks can report them to the Cyber Security Authority (CSA) on "
        "the short code 292.",
        ("Cyber Security Authority (CSA)", "292", N, N),
    ),
    (
        "Computer incidents can be reported on the national helpline 1919 run by the Office "
        "of the Government Chief Information Officer.",
        ("Office of the Government Chief Information Officer", "1919", N, N),
    ),
    # Addresses with report in them do not end the passage.
    (
        "Computer incidents can be reported to JPCERT/CC. Send reports to report@jpcert.example "
        "or use https://www.jpcert.example/report.",
        ("JPCERT/CC", N, "report@jpcert.example", "https://www.jpcert.example/report"),
    ),
    # No body's name at all: the organisation empty, the channels kept.
    (
        "Incidents can be reported via email to cert@cert.at.",
        (N, N, "cert@cert.at", N),
    ),
    (
        "Computer incidents can be reported online at https://report.example.gov.",
        (N, N, N, "https://report.example.gov"),
    ),
    (
        "Computer incidents can be reported to the national CERT by phone on +123 456 7890.",
        (N, "+123 456 7890", N, N),
    ),
    (
        "Computer Incidents can be reported through https://www.cert.example/report.",
        (N, N, N, "https://www.cert.example/report"),
    ),
    # Paragraphs that name no incident contact: every field empty, never a child hotline's.
    ("No reporting mechanism is known.", (N, N, N, N)),
    (
        "Child sexual abuse material can be reported to the police hotline on 117 or to "
        "report@police.example.",
        (N, N, N, N),
    ),
    (
        "Online child abuse can be reported to the Child Helpline on 1098. Illegal content can "
        "be reported to the Internet Watch Foundation at https://report.iwf.example.",
        (N, N, N, N),
    ),
    (
        "Inappropriate and offensive content can be reported in the website of CEOP.",
        (N, N, N, N),
    ),
    (
        "Online fraud can be reported to the Financial Crimes Unit at fraud@fcu.example or on "
        "the hotline 0800 111 222.",
        (N, N, N, N),
    ),
    (
        "There is no officially recognized mechanism for reporting computer incidents.",
        (N, N, N, N),
    ),
]


# A second set, each a body of another country in another wording.
PARAGRAPHS += [
    (
        "Computer incidents can be reported to the Computer Emergency Response Team of Uganda (CERT.UG) via email at info@cert.ug.",
        ("Computer Emergency Response Team of Uganda (CERT.UG)", N, "info@cert.ug", N),
    ),
    (
        "Cybersecurity incidents should be reported to AusCERT on +61 7 3365 4417 or to auscert@auscert.org.au.",
        ("AusCERT", "+61 7 3365 4417", "auscert@auscert.org.au", N),
    ),
    (
        "Incidents can be reported to the Hong Kong Computer Emergency Response Team Coordination Centre (HKCERT) through its hotline 8105 6060.",
        (
            "Hong Kong Computer Emergency Response Team Coordination Centre (HKCERT)",
            "8105 6060",
            N,
            N,
        ),
    ),
    (
        "The Tunisian Computer Emergency Response Team (tunCERT) receives reports of computer incidents at incident@ansi.tn.",
        ("Tunisian Computer Emergency Response Team (tunCERT)", N, "incident@ansi.tn", N),
    ),
    (
        "Illegal online content can be reported to the Media Authority. Cyber attacks can be reported to the Cyber Security Centre on 1800 123 123.",
        ("Cyber Security Centre", "1800 123 123", N, N),
    ),
    (
        "Computer incidents can be reported through the website http://www.cert.gov.mk.",
        (N, N, N, "http://www.cert.gov.mk"),
    ),
    (
        "Computer security incidents are handled by CIRCL, which can be reached at info@circl.lu or +352 247 88444.",
        ("CIRCL", "+352 247 88444", "info@circl.lu", N),
    ),
    (
        "For computer incidents, contact the Estonian Information System Authority (RIA) at cert@cert.ee.",
        ("Estonian Information System Authority (RIA)", N, "cert@cert.ee", N),
    ),
    (
        "Computer incidents can be reported to the Slovenian national CERT, SI-CERT, by e-mail to cert@cert.si.",
        ("SI-CERT", N, "cert@cert.si", N),
    ),
    (
        "Computer incidents can be reported to LatvijaCERT. Their website is https://cert.lv.",
        ("LatvijaCERT", N, N, "https://cert.lv"),
    ),
    (
        "Reports of cyber incidents are received by the National Cybersecurity Agency (NCSA) through its portal https://incident.ncsa.example.",
        ("National Cybersecurity Agency (NCSA)", N, N, "https://incident.ncsa.example"),
    ),
    (
        "The public can report cyber incidents to CyberSecurity Malaysia's Cyber999 help centre on 1-300-88-2999.",
        ("CyberSecurity Malaysia", "1-300-88-2999", N, N),
    ),
    (
        "Child pornography can be reported to the Cybertipline. Cyber incidents can be reported to CERT-PH on (02) 920 0101.",
        ("CERT-PH", "(02) 920 0101", N, N),
    ),
    (
        "Computer incidents may be reported to the Ministry of Communications and Information Technology via email to cert@mcit.example.",
        ("Ministry of Communications and Information Technology", N, "cert@mcit.example", N),
    ),
    (
        "Computer incidents can be reported by using the form available on the website of the Centre for Cybersecurity Belgium (CCB) at https://www.ccb.belgium.be.",
        ("Centre for Cybersecurity Belgium (CCB)", N, N, "https://www.ccb.belgium.be"),
    ),
    (
        "Computer incidents can be reported to BD-CERT. Phone: +880 2 955 9000. Email: report@bdcert.example.",
        ("BD-CERT", "+880 2 955 9000", "report@bdcert.example", N),
    ),
    (
        "Cyber incidents can be reported to the CSIRT of the Central Bank at csirt@bank.example.",
        ("CSIRT of the Central Bank", N, "csirt@bank.example", N),
    ),
    (
        "Users can report computer incidents to TZ-CERT through the hotline +255 22 2199760.",
        ("TZ-CERT", "+255 22 2199760", N, N),
    ),
    (
        "Computer incidents can be reported in the website of the National Information Technology Authority (NITA-U).",
        ("National Information Technology Authority (NITA-U)", N, N, N),
    ),
    (
        "Computer incidents can be reported by calling the toll-free line 1333 of the Cyber Security Unit.",
        ("Cyber Security Unit", "1333", N, N),
    ),
    (
        "Computer incidents can be reported via email to incidents@cert.example.org or online at https://cert.example.org/report.",
        (N, N, "incidents@cert.example.org", "https://cert.example.org/report"),
    ),
    (
        "Consumers can report online scams to the Competition Commission on 1300 302 502.",
        (N, N, N, N),
    ),
    (
        "Cyberbullying can be reported to the eSafety Commissioner at https://esafety.example.",
        (N, N, N, N),
    ),
    (
        "Computer incidents can be reported to the Jamaica Cyber Incident Response Team (JaCIRT) at jacirt@mstem.example.",
        ("Jamaica Cyber Incident Response Team (JaCIRT)", N, "jacirt@mstem.example", N),
    ),
    (
        "MNCERT/CC accepts reports of computer incidents via email at report@mncert.example.",
        ("MNCERT/CC", N, "report@mncert.example", N),
    ),
    (
        "Computer incidents can be reported to the Federal Office for Information Security (BSI) by phone on +49 228 99 9582 0.",
        ("Federal Office for Information Security (BSI)", "+49 228 99 9582 0", N, N),
    ),
    (
        "To report a computer incident, users should send an email to cert@govcert.example, the address of GovCERT Austria.",
        ("GovCERT Austria", N, "cert@govcert.example", N),
    ),
    (
        "Computer incidents can be reported to the CERT of the Republic of Serbia at office@cert.rs.",
        ("CERT of the Republic of Serbia", N, "office@cert.rs", N),
    ),
    (
        "Computer incidents can be reported to the National Computer Incident Response Team (NCIRT) of Rwanda on 3535.",
        ("National Computer Incident Response Team (NCIRT)", "3535", N, N),
    ),
    (
        "Cyber incidents can be reported through the ZW-CIRT hotline on +263 242 700 000.",
        ("ZW-CIRT", "+263 242 700 000", N, N),
    ),
    (
        "Computer incidents can be reported by sending an email to sirt@example.gov.",
        (N, N, "sirt@example.gov", N),
    ),
    (
        "Incidents are reported to the Qatar Computer Emergency Response Team (Q-CERT) by telephone at +974 4499 5000.",
        ("Qatar Computer Emergency Response Team (Q-CERT)", "+974 4499 5000", N, N),
    ),
    (
        "Computer incidents can be reported to ArCERT, the national team, via https://www.arcert.gov.example/reportar.",
        ("ArCERT", N, N, "https://www.arcert.gov.example/reportar"),
    ),
    (
        "Reports on cyber security incidents are received by the Cyber Security Department of the Ministry of Interior on 199.",
        ("Cyber Security Department of the Ministry of Interior", "199", N, N),
    ),
    (
        "Computer incidents can be reported on the number 1515 to the Cyber Crime Unit of the Police.",
        ("Cyber Crime Unit of the Police", "1515", N, N),
    ),
    (
        "Computer incidents can be reported to the CERT-FR by email: cert-fr.cossi@ssi.gouv.fr.",
        ("CERT-FR", N, "cert-fr.cossi@ssi.gouv.fr", N),
    ),
    (
        "Computer incidents can be reported to OCERT on its website www.ocert.example.",
        ("OCERT", N, N, "http://www.ocert.example"),
    ),
    ("Information on a reporting mechanism for computer incidents is not available.", (N, N, N, N)),
    (
        "Computer incidents can be reported to Cyber Security Malta at cert@csm.example.",
        ("Cyber Security Malta", N, "cert@csm.example", N),
    ),
    (
        "The Government of Fiji has set up a cybersecurity unit. Computer incidents can be reported to the Fiji Cyber Security Unit on +679 330 1806.",
        ("Fiji Cyber Security Unit", "+679 330 1806", N, N),
    ),
]


# A third set, written after the reader was done (19 of 20 right at first: a camel-cased word,
# `eGovernment`, now joins a name; a bare "CIRT" is a kind of team, so its Ministry is named).
PARAGRAPHS += [
    (
        "Cyber incidents in Lebanon can be reported to the Lebanese CERT (CERT.lb) by email at cert@cert.lb.",
        ("Lebanese CERT (CERT.lb)", N, "cert@cert.lb", N),
    ),
    (
        "Computer incidents can be reported to the Cyber Emergency Response Team of Nigeria (ngCERT) on 0800 123 4567 or at https://www.cert.gov.ng/report.",
        (
            "Cyber Emergency Response Team of Nigeria (ngCERT)",
            "0800 123 4567",
            N,
            "https://www.cert.gov.ng/report",
        ),
    ),
    (
        "CERT-UA accepts reports of computer incidents by phone at +380 44 281 88 25.",
        ("CERT-UA", "+380 44 281 88 25", N, N),
    ),
    (
        "Malicious software and other computer incidents should be reported to the Information Security Centre (ISC) via isc@isc.example.",
        ("Information Security Centre (ISC)", N, "isc@isc.example", N),
    ),
    (
        "The public can report online child sexual abuse to the Internet Hotline at hotline@report.example. Computer security incidents can be reported to the Government CSIRT (CSIRT-GOV) at csirt@gov.example.",
        ("Government CSIRT (CSIRT-GOV)", N, "csirt@gov.example", N),
    ),
    (
        "Computer incidents can be reported through the national portal www.cyber.gov.example.",
        (N, N, N, "http://www.cyber.gov.example"),
    ),
    (
        "Report a computer incident to the Bahrain Information and eGovernment Authority on 8000 8001.",
        ("Bahrain Information and eGovernment Authority", "8000 8001", N, N),
    ),
    (
        "Users may report cyber incidents to SecureNet, the national team, at help@securenet.example.",
        ("SecureNet", N, "help@securenet.example", N),
    ),
    (
        "The Swedish Civil Contingencies Agency (MSB) receives reports of computer incidents through its website https://www.msb.se/incident.",
        ("Swedish Civil Contingencies Agency (MSB)", N, N, "https://www.msb.se/incident"),
    ),
    (
        "In Ghana, computer incidents are reported to the National Cyber Security Centre (NCSC) through the hotline 292.",
        ("National Cyber Security Centre (NCSC)", "292", N, N),
    ),
    (
        "Cyber incidents can be reported to the Cyber Security Agency of Singapore via its SingCERT online form.",
        ("Cyber Security Agency of Singapore", N, N, N),
    ),
    (
        "Online scams can be reported to the police on 999. Other cyber incidents can be reported to AZ-CERT.",
        ("AZ-CERT", N, N, N),
    ),
    (
        "Computer incidents can be reported to the CIRT at the Ministry of Transport and Communications on +267 361 2000 or cirt@mtc.example.",
        ("Ministry of Transport and Communications", "+267 361 2000", "cirt@mtc.example", N),
    ),
    (
        "Computer incidents can be reported by email to incidents@cert.example, the address of the Computer Emergency Response Team of Iceland (CERT-IS).",
        ("Computer Emergency Response Team of Iceland (CERT-IS)", N, "incidents@cert.example", N),
    ),
    (
        "There is no officially recognized reporting mechanism for computer incidents in Chad.",
        (N, N, N, N),
    ),
    (
        "Cyber incidents are handled by the Cyber Security Division of the Ministry of ICT, which can be reached on 0800 200 300.",
        ("Cyber Security Division of the Ministry of ICT", "0800 200 300", N, N),
    ),
    (
        "Computer incidents can be reported to the Philippine National Police Anti-Cybercrime Group on (02) 723 0401.",
        ("Philippine National Police Anti-Cybercrime Group", "(02) 723 0401", N, N),
    ),
    (
        "Computer incidents can be reported to CERT Hungary (GovCERT-Hungary) via cert@cert-hungary.hu.",
        ("CERT Hungary (GovCERT-Hungary)", N, "cert@cert-hungary.hu", N),
    ),
    (
        "To report an incident, please visit https://www.ncsc.gov.uk/report or call 0300 123 2040 (National Cyber Security Centre).",
        ("National Cyber Security Centre", "0300 123 2040", N, "https://www.ncsc.gov.uk/report"),
    ),
    (
        "Cyber attacks against government networks can be reported to GovCERT.HK at govcert@ogcio.example.",
        ("GovCERT.HK", N, "govcert@ogcio.example", N),
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), PARAGRAPHS)
def test_the_contact_of_a_reporting_paragraph(paragraph, expected):
    found = read_contact(paragraph)
    assert (found["organisation"], found["phone"], found["email"], found["web"]) == expected


def test_the_table_is_large_and_varied():
    assert len(PARAGRAPHS) >= 50
    empty = [p for p, fields in PARAGRAPHS if fields == (N, N, N, N)]
    nameless = [p for p, fields in PARAGRAPHS if fields[0] is None and fields != (N, N, N, N)]
    assert len(empty) >= 5 and len(nameless) >= 3


@pytest.mark.parametrize(("paragraph", "expected"), PARAGRAPHS)
def test_nothing_is_invented(paragraph, expected):
    """Every field found is written in the paragraph, as it is written (web addresses aside,
    which gain `http://` before `www.`)."""
    assert_written(read_contact(paragraph), paragraph)


def assert_written(found: dict, text: str) -> None:
    """Every field found is in the text as written (a web address may gain `http://`)."""
    flat = " ".join(text.split())
    for key in ("organisation", "phone", "email"):
        assert found[key] is None or found[key] in flat, key
    if found["web"]:
        assert found["web"].removeprefix("http://") in flat or found["web"] in flat


@pytest.mark.parametrize(("paragraph", "expected"), PARAGRAPHS)
def test_a_name_is_never_a_channel_a_verb_or_lower_case(paragraph, expected):
    name = read_contact(paragraph)["organisation"]
    assert (name is None) == (expected[0] is None), name
    if name is not None:  # the case the line above holds it to
        assert name[0].isupper() or re.match(r"[a-z]+CERT", name)
        words = re.findall(r"[\w-]+", name.lower())
        assert not {"form", "website", "phone", "e-mail", "email", "online", "hotline"} & set(words)
        assert not words[0].endswith("ing")


def test_explain_says_why_this_name():
    found = contact_of(PARAGRAPHS[0][0])
    assert found.sentence.startswith("Computer Incidents can be reported by a filling a form")
    assert "CEOP" not in found.sentence
    assert found.why == (
        "a body's name by its own words, nearest the reporting verb in the incident sentence"
    )
    nameless = contact_of("Computer incidents can be reported online at https://x.example.")
    assert nameless.why == "no proper name of a body in the incident passage"


# Addresses broken at a line's end: joined when the break is inside the address, not when
# the address ends there.
BREAKS = [
    ("http://www.itu.int/en/ITU-", "D/Cybersecurity/Pages/default.aspx", True),
    ("incident@camcert.", "gov.kh", True),
    ("by email to incident@", "camcert.gov.kh", True),
    ("see http://www.cert.gov.xx/", "incidents/report.html or call", True),
    ("at https://www.cert.gov.xx/report?", "type=incident", True),
    ("at https://www.cert.gov.xx/report?type=", "incident&lang=en", True),
    ("at https://www.cert.gov.xx/report_", "form.html", True),
    ("at https://www.melani.admin.c", "h/form", True),
    ("at www.cert.gov.xx", "or by phone on 123", False),
    ("at www.cert.gov.xx/", "or by phone on 123", False),
    ("at www.cert.gov.xx.", "Reports are answered in a day.", False),
    ("at incident@cert.gov.xx.", "The team answers in a day.", False),
    ("at https://www.cert.gov.xx/", "https://www.other.xx", False),
    ("the sector-", "specific programmes", False),
    ("ITU-", "IMPACT", False),
]


@pytest.mark.parametrize(("line", "following", "joined"), BREAKS)
def test_an_address_broken_at_a_line_end(line, following, joined):
    assert continues(line, following) is joined


@pytest.mark.parametrize("break_after", ["ITU-", "Cybersecurity/", "www.", "default."])
def test_addresses_come_back_whole_from_the_profile_text(source, break_after):
    from cwprofile.importer.profile import import_text

    whole = "http://www.itu.int/en/ITU-D/Cybersecurity/Pages/default.aspx"
    cut = whole.index(break_after) + len(break_after)
    text = source.replace(whole, whole[:cut] + "  \n" + whole[cut:])
    text = text.replace("incident@camcert.gov.kh", "incident@camcert.\ngov.kh")
    document = import_text(text, "kh").document
    assert document["provenance"]["more_information"] == whole
    assert document["contact"]["email"] == "incident@camcert.gov.kh"
    assert "incident@camcert.gov.kh" in document["indicators"]["reporting_mechanism"]["evidence"]


@pytest.mark.parametrize(
    ("text", "email", "web"),
    [
        ("write to 'cert@example.org' now", "cert@example.org", None),
        ("mailto:cert@example.org.", "cert@example.org", None),
        ("at <https://www.example.org/a_(b)>.", None, "https://www.example.org/a_(b)"),
        ("(see www.example.org/report).", None, "http://www.example.org/report"),
        ("cert@localhost and https://x", None, None),  # neither is an address the rule takes
        ("a@b.c.d.e and http://a.b/c?d=e&f=g#h.", "a@b.c.d.e", "http://a.b/c?d=e&f=g#h"),
    ],
)
def test_what_the_importer_finds_the_validator_accepts(text, email, web):
    found_email = find_email(text)
    found_web = find_web(text)
    assert (found_email and found_email.group(1), found_web and found_web[0]) == (email, web)
    assert all(IS_EMAIL.fullmatch(e) for e in [email] if e)
    assert all(IS_URL.fullmatch(w) for w in [web] if w)


_PIECES = [
    "Computer incidents",
    "can be reported",
    "to",
    "the",
    "National CERT",
    "CamCERT",
    "(KH-CERT)",
    "Ministry of Information",
    "'s website",
    "by phone on",
    "+855 23 880 920",
    "hotline 118",
    "or",
    "by email to",
    "cert@example.org",
    "https://www.example.org/report",
    "child abuse",
    "The",
    "Of",
    "And the",
    "(",
    ")",
    ".",
    ",",
    ";",
    "\n",
    "Contact",
    "Team",
    "CERT",
    "’s",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_wording_ends_and_invents_nothing(pieces):
    """Whatever the words and their order, the reader ends, and every field it gives is
    written in the text."""
    text = " ".join(pieces)
    assert_written(read_contact(text), text)
