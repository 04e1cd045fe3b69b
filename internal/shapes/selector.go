package shapes

func (c *valueChecker) checkSelector(u traitUse) error { return nil }
