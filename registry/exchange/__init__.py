"""Electronic exchange of documents (edXML, QCVN 102:2016).

The self-contained core: `edxml` (messages, writer, hardened reader), `signatures` (PDF
signature checks), `transport` (folder and HTTP hub adapters), `directory` (agency electronic
codes). The integration: `models` (received packets and quarantine, the outbox, recipients'
states, agency code history, trust roots), `services` (intake, decisions, status loop,
recall/update/replace, outgoing packets), `listeners` (reactions to incoming/outgoing events).
"""
