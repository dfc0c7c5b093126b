"""Electronic exchange of documents (edXML, QCVN 102:2016): the self-contained core.

`edxml` (messages, writer, hardened reader), `signatures` (PDF signature checks), `transport`
(folder and HTTP hub adapters), `directory` (agency electronic codes). No models yet: the app is
not in INSTALLED_APPS until the integration brings them.
"""
