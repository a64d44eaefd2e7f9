"""English, Bokmål and Nynorsk: the Lang codes and how a text's language is identified."""
