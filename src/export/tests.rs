//! Export tests: the fixture workspace, golden files and hostile text.
