package io.github.cloudkit.sample.items;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The example collection, in memory: safe for concurrent requests, in the order items were added, bounded. Each
 * instance has its own and loses it when it stops; a real service keeps its data in a database and replaces this
 * class.
 */
@Component
public class ItemStore {

	/** Plenty for trying the template; a bound all the same, so that a client posting in a loop cannot fill the heap. */
	static final int CAPACITY = 10_000;

	private final int capacity;

	private final ConcurrentSkipListMap<Long, Item> items = new ConcurrentSkipListMap<>();

	private final AtomicLong lastId = new AtomicLong();

	/** Counted apart: the map's own size() walks every entry. */
	private final AtomicInteger count = new AtomicInteger();

	public ItemStore() {
		this(CAPACITY);
	}

	ItemStore(int capacity) {
		this.capacity = capacity;
	}

	/** Every item, oldest first: a copy, so adding meanwhile changes nothing a caller holds. */
	public List<Item> all() {
		return new ArrayList<>(items.values());
	}

	public Optional<Item> find(long id) {
		return Optional.ofNullable(items.get(id));
	}

	/** The added item with its new id; empty when the collection is full. */
	public Optional<Item> add(NewItem item) {
		if (count.incrementAndGet() > capacity) {
			count.decrementAndGet();
			return Optional.empty();
		}
		Integer quantity = item.getQuantity();
		Item added = new Item(lastId.incrementAndGet(), item.getName(), quantity == null ? 0 : quantity);
		items.put(added.getId(), added);
		return Optional.of(added);
	}

}
