"""Words of the Smart Energy Code and its industry that a general dictionary does not know."""

from __future__ import annotations

# Defined terms and the usual abbreviations, as they are written in the SEC and its
# consultations. Multi-word terms (Communications Hub, Modification Proposal) are checked
# word by word, so each word is listed. Words with digits (SMETS2, MP231) are never checked.
_TERMS = """
Party Parties Supplier Suppliers DCC Communications Hub Hubs SMETS Modification Proposal
Proposals SEC SECAS SECCo Gemserv Ofgem BEIS DESNZ CHF CHTS CPL DUIS MMC SMKI SMIP SMDA
IHD IHDs PPMID PPMIDs HCALCS GSME ESME ALCS APC MAP MAPs MOP MOPs DNO DNOs GDN GDNs iDNO
iDNOs RSA SSI SSMI SMWAN WAN HAN CSP CSPs DSP TSP TABASC SMAP Sub-Committee SSC OPSG PMA
Workgroup Workgroups Sub-Group IRP IRPs CRP CRPs TSIRS FIR ZigBee Zigbee Enrolment
Decommissioning Non-Domestic Self-Governance MPAN MPANs MPRN MPRNs GBCS Fast-Track PAB SMDG
CESG ECoS DCCKI Prepayment
"""
SEC_TERMS: frozenset[str] = frozenset(_TERMS.split())
