"""The corpus: documents, passages and sentences; how texts are parsed, segmented and labelled."""
