"""Pure algorithms of the network: no Django import."""
